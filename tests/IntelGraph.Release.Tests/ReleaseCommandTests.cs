using System.Text.Json;
using IntelGraph.Cli;
using IntelGraph.Release.Tests.Infrastructure;

namespace IntelGraph.Release.Tests;

/// <summary>The release commands as a script runs them: exit codes, output and the files they leave.</summary>
public sealed class ReleaseCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment { Out = output, Error = error, IsInteractive = false };
        var exitCode = await IntelGraphCommandLine.InvokeAsync(args, environment, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Writes a clients file naming every role client of tenant alpha and their secret files in the server's folder.</summary>
    private static string WriteClients(GateTarget target)
    {
        var clients = target.RoleClients.Select(client => new { clientId = client.ClientId, secret = new { file = client.ClientId + ".secret" } });
        var path = Path.Combine(target.Folder, "gate-clients.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { clients }));
        return path;
    }

    private static string WriteEnvironments(GateTarget target, string stageGates)
    {
        var path = Path.Combine(target.Folder, "environments.yaml");
        File.WriteAllText(path, $"""
            version: 1
            signingKey: {Path.Combine(target.Folder, "release", "signing-key.pem")}
            records: {Path.Combine(target.Folder, "release", "records")}
            environments:
              dev:
                url: {target.Server.BaseAddress}
                gates: [smoke, perf]
              stage:
                url: {target.Server.BaseAddress}
                gates: [{stageGates}]
            """);
        return path;
    }

    [Fact]
    public async Task Gate_writes_evidence_and_exits_zero()
    {
        await using var target = await GateTarget.StartAsync(entities: 3);
        var evidence = Path.Combine(target.Folder, "out", "smoke.json");

        var (exitCode, output, error) = await RunAsync("gate", "smoke", "--target", target.Server.BaseAddress.ToString(), "--out", evidence, "--clients", WriteClients(target), "--json");

        Assert.True(exitCode == ExitCodes.Ok, error);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal("pass", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(IntelGraph.Release.Evidence.EvidenceFile.Digest(await File.ReadAllBytesAsync(evidence, TestContext.Current.CancellationToken)), summary.RootElement.GetProperty("sha256").GetString());
        Assert.Contains("[smoke] pass login-oidc", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_gate_exits_five()
    {
        await using var target = await GateTarget.StartAsync(withBudget: false);

        var (exitCode, output, _) = await RunAsync("gate", "smoke", "--target", target.Server.BaseAddress.ToString(), "--out", Path.Combine(target.Folder, "smoke.json"), "--clients", WriteClients(target));

        Assert.Equal(ExitCodes.GateFailed, exitCode);
        Assert.Contains("smoke gate FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_target_fails_the_gate()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}");

        var (exitCode, _, error) = await RunAsync("gate", "smoke", "--target", $"http://127.0.0.1:{ServeProcess.FreePort()}", "--out", Path.Combine(folder, "smoke.json"));

        Assert.Equal(ExitCodes.GateFailed, exitCode);
        Assert.Contains("[smoke] FAIL health", error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("gate", "smoke", "--out", "x.json")]
    [InlineData("gate", "smoke", "--target", "http://127.0.0.1:1", "--out", "x.json", "--client-id", "a")]
    [InlineData("gate", "smoke", "--target", "http://127.0.0.1:1", "--out", "x.json", "--secret-env", "A")]
    [InlineData("gate", "perf", "--target", "http://127.0.0.1:1", "--out", "x.json", "--max-p95-ms", "fast")]
    [InlineData("promote", "--to", "stage", "--tag", "../escape")]
    public async Task Bad_command_line_is_a_usage_error(params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_environments_file_is_rejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"environments-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "version: 1\nsigningKey: k.pem\nrecords: r\nenvironments:\n  stage:\n    url: http://127.0.0.1:1\n    gates: [smoke, lint]\n", TestContext.Current.CancellationToken);

        try
        {
            var (exitCode, _, error) = await RunAsync("promote", "--to", "stage", "--tag", "v1", "--environments", path);

            Assert.Equal(ExitCodes.Usage, exitCode);
            Assert.Contains($"{path}:7:", error, StringComparison.Ordinal);
            Assert.Contains("environments.stage.gates[1]", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(path)!, "r")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Promote_signs_a_record_that_releases_verifies()
    {
        await using var target = await GateTarget.StartAsync(entities: 5);
        var environments = WriteEnvironments(target, "smoke");
        var clients = WriteClients(target);

        var dev = await RunAsync("promote", "--to", "dev", "--tag", "v1.0.0-uni", "--environments", environments, "--clients", clients, "--label", "node", "--requests", "30", "--by", "release-captain");
        var listing = await RunAsync("releases", "--environments", environments, "--json");
        var signoff = await RunAsync("signoff", "--tag", "v1.0.0-uni", "--out", Path.Combine(target.Folder, "signoff.md"), "--environments", environments);

        Assert.True(dev.ExitCode == ExitCodes.Ok, dev.Error + dev.Output);
        Assert.Equal(ExitCodes.Ok, listing.ExitCode);
        using var records = JsonDocument.Parse(listing.Output);
        var record = Assert.Single(records.RootElement.EnumerateArray());
        Assert.True(record.GetProperty("valid").GetBoolean());
        Assert.Equal("release-captain", record.GetProperty("record").GetProperty("by").GetString());
        Assert.Equal(["smoke", "perf"], record.GetProperty("record").GetProperty("gates").EnumerateArray().Select(gate => gate.GetProperty("gate").GetString()));
        Assert.Equal(ExitCodes.Ok, signoff.ExitCode);
        Assert.Contains("- [ ] All gates green", await File.ReadAllTextAsync(Path.Combine(target.Folder, "signoff.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_refuses_a_failed_gate()
    {
        await using var target = await GateTarget.StartAsync(withBudget: false);
        var environments = WriteEnvironments(target, "smoke");

        var (exitCode, output, _) = await RunAsync("promote", "--to", "stage", "--tag", "v2", "--environments", environments, "--clients", WriteClients(target));

        Assert.Equal(ExitCodes.GateFailed, exitCode);
        Assert.Contains("refused", output, StringComparison.Ordinal);
        Assert.Contains("budget-deny", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target.Folder, "release", "records", "v2-stage.json")));
        Assert.True(File.Exists(Path.Combine(target.Folder, "release", "records", "v2-stage", "smoke.json")));
    }

    [Fact]
    public async Task Releases_reports_a_tampered_record()
    {
        await using var target = await GateTarget.StartAsync(entities: 3);
        var environments = WriteEnvironments(target, "smoke");
        var promoted = await RunAsync("promote", "--to", "stage", "--tag", "v3", "--environments", environments, "--clients", WriteClients(target));
        Assert.True(promoted.ExitCode == ExitCodes.Ok, promoted.Error + promoted.Output);
        var recordPath = Path.Combine(target.Folder, "release", "records", "v3-stage.json");
        await File.WriteAllTextAsync(recordPath, (await File.ReadAllTextAsync(recordPath, TestContext.Current.CancellationToken)).Replace("\"stage\"", "\"prod\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await RunAsync("releases", "--environments", environments);

        Assert.Equal(ExitCodes.VerificationFailed, exitCode);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
        Assert.Contains("signature:", output, StringComparison.Ordinal);
    }
}
