namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph rollout</c> with bad input: rejected with exit 2 and the flags file untouched.</summary>
public sealed class RolloutInputTests
{
    private static readonly string RepositoryFlags = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "unified.yaml");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const string Plan = """
        version: 1
        environment: prod
        thresholds:
          budgetDenialsPerHour: 3
        steps:
          - name: production-mode
            description: Production mode on.
            set:
              prodMode: true
        """;

    [Fact]
    public async Task Malformed_plan_names_file_line_and_field()
    {
        using var workspace = new Workspace();
        var (flags, original) = CopyFlags(workspace);
        var plan = workspace.PathOf("plan.yaml");
        await File.WriteAllTextAsync(plan, Plan.Replace("budgetDenialsPerHour: 3", "budgetDenialsPerHour: -1", StringComparison.Ordinal), Cancellation);

        var result = await RunAsync(workspace, plan, flags);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"{plan}:4:25: thresholds.budgetDenialsPerHour: invalid value -1", result.Error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(flags, Cancellation));
        Assert.False(File.Exists(workspace.PathOf("rollout-state.jsonl")));
        Assert.False(File.Exists(workspace.PathOf("flags-audit.jsonl")));
    }

    [Fact]
    public async Task Malformed_flags_file_names_line_and_field()
    {
        using var workspace = new Workspace();
        var flags = workspace.PathOf("unified.yaml");
        var text = (await File.ReadAllTextAsync(RepositoryFlags, Cancellation)).Replace("    prodMode: true", "    prodMode: yes", StringComparison.Ordinal);
        await File.WriteAllTextAsync(flags, text, Cancellation);
        var plan = workspace.PathOf("plan.yaml");
        await File.WriteAllTextAsync(plan, Plan, Cancellation);

        var result = await RunAsync(workspace, plan, flags);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Matches(@"unified\.yaml:\d+:\d+: environments\.(stage|prod)\.prodMode: expected true or false", result.Error);
        Assert.Equal(text, await File.ReadAllTextAsync(flags, Cancellation));
    }

    [Fact]
    public async Task Plan_for_unconfigured_environment_is_rejected()
    {
        using var workspace = new Workspace();
        var (flags, original) = CopyFlags(workspace);
        var plan = workspace.PathOf("plan.yaml");
        await File.WriteAllTextAsync(plan, Plan, Cancellation);
        var devOnly = workspace.PathOf("dev.yaml");
        var render = await CliRun.InvokeAsync("flags", "render", "--env", "dev", "--file", flags, "--json");
        var data = System.Text.Json.JsonDocument.Parse(render.Output).RootElement.GetProperty("data").GetProperty("flags.yaml").GetString()!;
        await File.WriteAllTextAsync(devOnly, data, Cancellation);

        var result = await RunAsync(workspace, plan, devOnly);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"{plan}:2:14: environment: the flags file does not configure 'prod'", result.Error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(flags, Cancellation));
    }

    [Theory]
    [InlineData("--soak", "forever", "Invalid duration 'forever' for --soak")]
    [InlineData("--poll-interval", "0s", "Invalid duration '0s' for --poll-interval")]
    [InlineData("--target", "127.0.0.1:8080", "--target '127.0.0.1:8080' is not an absolute http or https URL")]
    [InlineData("--client-secret-file", "missing.secret", "--client-secret-file 'missing.secret' does not exist")]
    public async Task Invalid_option_exits_2(string option, string value, string message)
    {
        using var workspace = new Workspace();
        var (flags, original) = CopyFlags(workspace);
        var plan = workspace.PathOf("plan.yaml");
        await File.WriteAllTextAsync(plan, Plan, Cancellation);

        var result = await RunAsync(workspace, plan, flags, option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(flags, Cancellation));
    }

    [Fact]
    public async Task Missing_metrics_source_exits_2()
    {
        using var workspace = new Workspace();
        var (flags, _) = CopyFlags(workspace);
        var plan = workspace.PathOf("plan.yaml");
        await File.WriteAllTextAsync(plan, Plan, Cancellation);

        var result = await CliRun.InvokeAsync("rollout", "--plan", plan, "--flags", flags, "--by", "ops");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("give --target", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_before_earlier_steps_exits_2()
    {
        using var workspace = new Workspace();
        var (flags, original) = CopyFlags(workspace);
        var plan = workspace.PathOf("plan.yaml");
        var twoSteps = Plan + "\n  - name: xai-internal\n    description: XAI for the internal group.\n    set:\n      enableXAI: { groups: [internal] }\n";
        await File.WriteAllTextAsync(plan, twoSteps, Cancellation);

        var result = await RunAsync(workspace, plan, flags, "--step", "2");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("step 2 cannot run yet: step 1 (production-mode) has not completed", result.Error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(flags, Cancellation));
    }

    [Fact]
    public async Task Unreachable_target_changes_nothing()
    {
        using var workspace = new Workspace();
        var (flags, original) = CopyFlags(workspace);
        var plan = workspace.PathOf("plan.yaml");
        await File.WriteAllTextAsync(plan, Plan, Cancellation);

        // Port 9 (discard) has no listener on a test machine, so the connection is refused at once.
        var result = await RunAsync(workspace, plan, flags, "--target", "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("is unreachable", result.Error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(flags, Cancellation));
        Assert.False(File.Exists(workspace.PathOf("rollout-state.jsonl")));
    }

    private static (string Path, byte[] Original) CopyFlags(Workspace workspace)
    {
        var path = workspace.PathOf("unified.yaml");
        File.Copy(RepositoryFlags, path);
        return (path, File.ReadAllBytes(path));
    }

    /// <summary>Runs the rollout with a secret file and a short soak. Later arguments replace earlier ones of the same option.</summary>
    private static Task<CliResult> RunAsync(Workspace workspace, string plan, string flags, params string[] extra)
    {
        var secret = workspace.PathOf("client.secret");
        File.WriteAllText(secret, "not-a-real-secret\n");
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--plan"] = plan,
            ["--flags"] = flags,
            ["--by"] = "ops@example.org",
            ["--target"] = "http://127.0.0.1:9",
            ["--client-secret-file"] = secret,
            ["--soak"] = "1s",
            ["--poll-interval"] = "1s",
        };
        for (var index = 0; index + 1 < extra.Length; index += 2)
        {
            options[extra[index]] = extra[index + 1];
        }

        return CliRun.InvokeAsync(["rollout", .. options.SelectMany(option => new[] { option.Key, option.Value })]);
    }
}
