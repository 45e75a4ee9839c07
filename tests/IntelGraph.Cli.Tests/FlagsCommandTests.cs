using System.Text.Json;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Rendering;
using IntelGraph.Flags.Yaml;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph flags render</c>, <c>check</c> and <c>set</c>: output, audit entries and exit codes.</summary>
public sealed class FlagsCommandTests
{
    private static readonly string RepositoryFile = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "unified.yaml");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string CopyRepositoryFile(Workspace workspace)
    {
        var path = workspace.PathOf("unified.yaml");
        File.Copy(RepositoryFile, path);
        return path;
    }

    [Fact]
    public async Task Render_output_reads_back()
    {
        using var workspace = new Workspace();
        var output = workspace.PathOf("flags-prod.yaml");

        var result = await CliRun.InvokeAsync("flags", "render", "--env", "prod", "--file", RepositoryFile, "--out", output, "--namespace", "intelgraph");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(Path.GetFullPath(output), result.Output.Trim());
        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(output, Cancellation)));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.Equal("v1", root["apiVersion"].ToString());
        Assert.Equal("ConfigMap", root["kind"].ToString());
        Assert.Equal("intelgraph", ((YamlMappingNode)root["metadata"])["namespace"].ToString());

        var flags = FlagsFileReader.Parse(((YamlMappingNode)root["data"])[FlagsConfigMap.DataKey].ToString(), "data", requiredEnvironment: "prod");
        var original = await FlagsFileReader.ReadAsync(RepositoryFile, Cancellation);
        Assert.Equal(["prod"], flags.Environments.Keys);
        Assert.Equal(original.SettingsFor("prod"), flags.SettingsFor("prod"));
    }

    [Fact]
    public async Task Render_json_to_standard_output()
    {
        var result = await CliRun.InvokeAsync("flags", "render", "--env", "stage", "--file", RepositoryFile, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("ConfigMap", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("stage", json.RootElement.GetProperty("metadata").GetProperty("labels").GetProperty(FlagsConfigMap.EnvironmentLabel).GetString());
        var flags = FlagsFileReader.Parse(json.RootElement.GetProperty("data").GetProperty(FlagsConfigMap.DataKey).GetString()!, "data");
        Assert.Equal(["pilot"], flags.SettingsFor("stage")[FlagNames.EnableWallets].Tenants);
    }

    [Fact]
    public async Task Render_unknown_environment_exits_2()
    {
        var result = await CliRun.InvokeAsync("flags", "render", "--env", "qa", "--file", RepositoryFile);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Invalid environment 'qa' for --env", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("--name", "Intelgraph_Flags")]
    [InlineData("--namespace", "intel.graph")]
    public async Task Render_invalid_kubernetes_name_exits_2(string option, string value)
    {
        var result = await CliRun.InvokeAsync("flags", "render", "--env", "prod", "--file", RepositoryFile, option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"Invalid value '{value}' for {option}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_environment_missing_from_file()
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);
        var text = await File.ReadAllTextAsync(path, Cancellation);
        await File.WriteAllTextAsync(path, text[..text.IndexOf("  stage:", StringComparison.Ordinal)], Cancellation);

        var result = await CliRun.InvokeAsync("flags", "render", "--env", "prod", "--file", path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"{path}:25:3: environments.prod: missing", result.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> MalformedEdits() => new()
    {
        { "strictOPA: true\n    prodMode: true", "strictOPA: on\n    prodMode: true", ":56:16: environments.prod.strictOPA:", "expected true or false" },
        { "      groups: [internal]\n    enableFederation: false", "      groups: [internal]\n      percentage: 101\n    enableFederation: false", ":53:19: environments.prod.enableXAI.percentage:", "invalid value 101" },
        { "  prod:", "  production:", ":49:3: environments.production:", "unknown environment 'production'" },
        { "    enableOffline: false\n    strictOPA: true\n    prodMode: true\n", "    enableOffline: false\n    strictOPA: true\n    prodMode: true\n    enableAll: true\n", ":46:5: environments.stage.enableAll:", "unknown flag 'enableAll'" },
        { "      groups: [internal]\n    enableFederation: false", "      groups: [internal\n    enableFederation: false", ":", "invalid YAML" },
    };

    [Theory]
    [MemberData(nameof(MalformedEdits))]
    public async Task Malformed_file_exits_2_with_location(string original, string replacement, string location, string message)
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);
        var text = await File.ReadAllTextAsync(path, Cancellation);
        Assert.Contains(original, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace(original, replacement, StringComparison.Ordinal), Cancellation);

        var render = await CliRun.InvokeAsync("flags", "render", "--env", "dev", "--file", path);
        var check = await CliRun.InvokeAsync("flags", "check", "--file", path);

        Assert.Equal(ExitCodes.Usage, render.ExitCode);
        Assert.Equal(ExitCodes.Usage, check.ExitCode);
        Assert.Contains($"error: {path}{location}", render.Error, StringComparison.Ordinal);
        Assert.Contains(message, render.Error, StringComparison.Ordinal);
        Assert.Empty(render.Output);
    }

    [Fact]
    public async Task Missing_file_exits_2()
    {
        using var workspace = new Workspace();
        var path = workspace.PathOf("none.yaml");

        var result = await CliRun.InvokeAsync("flags", "render", "--env", "dev", "--file", path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"error: {path}: the flags file does not exist.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_json_lists_every_error()
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);
        var text = await File.ReadAllTextAsync(path, Cancellation);
        await File.WriteAllTextAsync(path, text.Replace("strictOPA: true", "strictOPA: 1", StringComparison.Ordinal), Cancellation);

        var result = await CliRun.InvokeAsync("flags", "check", "--file", path, "--json");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["environments.dev.strictOPA", "environments.stage.strictOPA", "environments.prod.strictOPA"], errors.Select(error => error.GetProperty("field").GetString()));
        Assert.Equal([30L, 44L, 56L], errors.Select(error => error.GetProperty("line").GetInt64()));
    }

    [Fact]
    public async Task Check_valid_file_exits_0()
    {
        var result = await CliRun.InvokeAsync("flags", "check", "--file", RepositoryFile);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("is valid: 6 flags, environments dev, stage, prod.", result.Output, StringComparison.Ordinal);
        Assert.Contains("enableXAI         on for groups internal", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_changes_file_and_audits()
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);

        var result = await CliRun.InvokeAsync(
            "flags", "set", FlagNames.EnableFederation, "--env", "prod", "--tenants", "pilot", "--percentage", "5",
            "--by", "alice@example.org", "--reason", "Soak clean", "--file", path, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var document = await FlagsFileReader.ReadAsync(path, Cancellation);
        Assert.Equal(new FlagSetting(false, ["pilot"], [], 5), document.SettingsFor("prod")[FlagNames.EnableFederation]);
        Assert.Equal(FlagSetting.Off, document.SettingsFor("prod")[FlagNames.EnableWallets]);
        Assert.Equal(new FlagsMetadata("alice@example.org", "Soak clean"), document.Metadata);

        var line = Assert.Single(await File.ReadAllLinesAsync(workspace.PathOf("flags-audit.jsonl"), Cancellation));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal(FlagNames.EnableFederation, entry.RootElement.GetProperty("flag").GetString());
        Assert.Equal("prod", entry.RootElement.GetProperty("environment").GetString());
        Assert.Equal("alice@example.org", entry.RootElement.GetProperty("changedBy").GetString());
        Assert.Equal("cli", entry.RootElement.GetProperty("source").GetString());
        Assert.Equal("Soak clean", entry.RootElement.GetProperty("reason").GetString());
        Assert.Empty(entry.RootElement.GetProperty("before").GetProperty("tenants").EnumerateArray());
        Assert.Equal(5, entry.RootElement.GetProperty("after").GetProperty("percentage").GetDouble());
        Assert.Equal(FlagsRevision.Of(await File.ReadAllBytesAsync(path, Cancellation)), entry.RootElement.GetProperty("revision").GetString());

        using var json = JsonDocument.Parse(result.Output);
        Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
        Assert.Equal("on for tenants pilot; 5 % of users", json.RootElement.GetProperty("after").GetString());
    }

    [Fact]
    public async Task Set_same_value_changes_nothing()
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);
        var before = await File.ReadAllBytesAsync(path, Cancellation);

        var result = await CliRun.InvokeAsync("flags", "set", FlagNames.ProdMode, "--env", "prod", "--enabled", "true", "--by", "alice", "--file", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("prodMode in prod is already on; nothing changed.", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancellation));
        Assert.False(File.Exists(workspace.PathOf("flags-audit.jsonl")));
    }

    public static TheoryData<string[], string> InvalidSetArguments() => new()
    {
        { ["enableMagic", "--env", "prod", "--enabled", "true", "--by", "a"], "Unknown flag 'enableMagic'" },
        { ["prodMode", "--env", "prod", "--by", "a"], "give the new setting" },
        { ["prodMode", "--env", "prod", "--percentage", "101", "--by", "a"], "--percentage: invalid percentage 101" },
        { ["prodMode", "--env", "prod", "--tenants", "Pilot", "--by", "a"], "--tenants: invalid tenant name 'Pilot'" },
        { ["prodMode", "--env", "prod", "--groups", "/internal", "--by", "a"], "--groups: invalid group name '/internal'" },
        { ["prodMode", "--env", "prod", "--enabled", "true", "--groups", "internal", "--by", "a"], "would have no effect" },
        { ["prodMode", "--env", "prod", "--enabled", "true"], "--by" },
        { ["prodMode", "--env", "prod", "--enabled", "true", "--by", " "], "--by must name who makes the change" },
    };

    [Theory]
    [MemberData(nameof(InvalidSetArguments))]
    public async Task Set_invalid_arguments_exit_2(string[] arguments, string message)
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);
        var before = await File.ReadAllBytesAsync(path, Cancellation);

        var result = await CliRun.InvokeAsync(["flags", "set", .. arguments, "--file", path]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancellation));
    }

    [Fact]
    public async Task Set_without_audit_leaves_file()
    {
        using var workspace = new Workspace();
        var path = CopyRepositoryFile(workspace);
        var before = await File.ReadAllBytesAsync(path, Cancellation);
        var auditFolder = workspace.PathOf("audit-is-a-folder");
        Directory.CreateDirectory(auditFolder);

        var result = await CliRun.InvokeAsync("flags", "set", FlagNames.EnableWallets, "--env", "prod", "--enabled", "true", "--by", "alice", "--file", path, "--audit-file", auditFolder);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Cancellation));
        Assert.Equal(["unified.yaml"], Directory.GetFiles(workspace.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Check_validates_rollout_plan()
    {
        var plan = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "rollout-plan.yaml");

        var result = await CliRun.InvokeAsync("flags", "check", "--file", RepositoryFile, "--plan", plan);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("is valid: 3 steps for prod.", result.Output, StringComparison.Ordinal);
        Assert.Contains("3. pilot-federation-wallets after 24 h: enableFederation on for tenants pilot", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_bad_plan_exits_2()
    {
        using var workspace = new Workspace();
        var plan = workspace.PathOf("rollout-plan.yaml");
        var text = await File.ReadAllTextAsync(Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "rollout-plan.yaml"), Cancellation);
        await File.WriteAllTextAsync(plan, text.Replace("soakBefore: 24h", "soakBefore: one day", StringComparison.Ordinal), Cancellation);

        var result = await CliRun.InvokeAsync("flags", "check", "--file", RepositoryFile, "--plan", plan, "--json");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(plan, error.GetProperty("file").GetString());
        var expectedLine = text.Split('\n').ToList().FindIndex(line => line.Contains("soakBefore: 24h", StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, error.GetProperty("line").GetInt64());
        Assert.Equal("steps[2].soakBefore", error.GetProperty("field").GetString());
    }
}
