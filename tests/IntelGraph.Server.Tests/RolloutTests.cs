using System.Net;
using System.Text.Json;
using IntelGraph.Cli;
using IntelGraph.Flags.Audit;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Server.Tests;

/// <summary>A real <c>intelgraph serve</c> process for the rollout tests; they run one after another, so each reads only its own traffic.</summary>
public sealed class RolloutServerFixture : IAsyncLifetime
{
    internal ServeChild Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await ServeChild.StartAsync(TestContext.Current.CancellationToken);
        using var init = await Server.PostAsync("/budget/init", """{"tenant":"pilot","ms":2500,"rows":100000}""", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary><c>intelgraph rollout</c> against a real server: a clean step is kept, and real budget denials halt and revert a step.</summary>
public sealed class RolloutTests(RolloutServerFixture fixture) : IClassFixture<RolloutServerFixture>, IDisposable
{
    private static readonly string RepositoryFlags = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "unified.yaml");

    private readonly string _folder = Directory.CreateTempSubdirectory("intelgraph-rollout-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServeChild Server => fixture.Server;

    private string FlagsFile => Path.Combine(_folder, "unified.yaml");

    private string StateFile => Path.Combine(_folder, "rollout-state.jsonl");

    private string PlanFile => Path.Combine(_folder, "plan.yaml");

    private const string TwoStepPlan = """
        version: 1
        environment: prod
        thresholds:
          graphQueryP95Ms: 1500
          policyDeniedPercent: 50
          budgetDenialsPerHour: 3
        steps:
          - name: pilot-federation
            description: Federation for the pilot tenant.
            set:
              enableFederation: { tenants: [pilot] }
          - name: pilot-wallets
            description: Wallets for the pilot tenant.
            set:
              enableWallets: { tenants: [pilot] }
        """;

    [Fact]
    public async Task Clean_steps_apply_and_resume()
    {
        File.Copy(RepositoryFlags, FlagsFile);
        await File.WriteAllTextAsync(PlanFile, TwoStepPlan, Cancellation);

        var first = await RunAsync("--step", "1");

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        var firstStep = Assert.Single(JsonDocument.Parse(first.Output).RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal("pilot-federation", firstStep.GetProperty("name").GetString());
        Assert.Equal("completed", firstStep.GetProperty("decision").GetString());
        Assert.True(firstStep.GetProperty("reads").GetInt32() >= 1, first.ToString());
        Assert.Equal(0, firstStep.GetProperty("maximum").GetProperty("budgetDenialsPerHour").GetDouble());
        var flags = await FlagsFileReader.ReadAsync(FlagsFile, "prod", Cancellation);
        Assert.Equal(["pilot"], flags.SettingsFor("prod")[FlagNames.EnableFederation].Tenants);
        Assert.Equal(FlagSetting.Off, flags.SettingsFor("prod")[FlagNames.EnableWallets]);
        Assert.Equal("ops@example.org", flags.Metadata.ChangedBy);
        Assert.Contains("Step 1/2 pilot-federation: applied", first.Error, StringComparison.Ordinal);

        var second = await RunAsync();

        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        var secondStep = Assert.Single(JsonDocument.Parse(second.Output).RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal("pilot-wallets", secondStep.GetProperty("name").GetString());
        flags = await FlagsFileReader.ReadAsync(FlagsFile, "prod", Cancellation);
        Assert.Equal(["pilot"], flags.SettingsFor("prod")[FlagNames.EnableWallets].Tenants);

        var third = await RunAsync();

        Assert.True(third.ExitCode == ExitCodes.Ok, third.ToString());
        Assert.Equal("nothing-to-do", JsonDocument.Parse(third.Output).RootElement.GetProperty("result").GetString());

        var state = await ReadStateAsync();
        Assert.Equal(["1 applied", "1 completed", "2 applied", "2 completed"], state.Select(entry => $"{entry.GetProperty("step").GetInt32()} {entry.GetProperty("decision").GetString()}"));
        var (audit, invalid) = await new FlagAuditLog(FlagAuditLog.DefaultPathFor(FlagsFile)).ReadAsync(Cancellation);
        Assert.Empty(invalid);
        Assert.Equal(
            [(FlagNames.EnableFederation, "prod"), (FlagNames.EnableWallets, "prod")],
            audit.Select(entry => (entry.Flag, entry.Environment)));
        Assert.All(audit, entry => Assert.Equal(FlagAuditEntry.SourceRollout, entry.Source));
        Assert.All(audit, entry => Assert.Equal("ops@example.org", entry.ChangedBy));
    }

    [Fact]
    public async Task Budget_denials_halt_and_revert()
    {
        File.Copy(RepositoryFlags, FlagsFile);
        var original = await File.ReadAllBytesAsync(FlagsFile, Cancellation);
        await File.WriteAllTextAsync(PlanFile, TwoStepPlan, Cancellation);

        var rollout = RunAsync("--soak", "60s");
        await WaitForStateAsync("\"decision\":\"applied\"", rollout);
        for (var denial = 0; denial < 5; denial++)
        {
            using var check = await Server.PostAsync("/budget/check", """{"tenant":"pilot","estMs":5000,"estRows":2e6}""", Cancellation);
            Assert.Equal("deny", (await check.JsonAsync()).GetProperty("decision").GetString());
        }

        var result = await rollout;

        Assert.True(result.ExitCode == ExitCodes.RolloutHalted, result.ToString());
        Assert.Equal(original, await File.ReadAllBytesAsync(FlagsFile, Cancellation));
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("halted", json.GetProperty("result").GetString());
        var step = Assert.Single(json.GetProperty("steps").EnumerateArray());
        Assert.Equal("reverted", step.GetProperty("decision").GetString());
        Assert.Equal(FlagsRevision.Of(original), step.GetProperty("revision").GetString());
        Assert.Contains("budget denials of tenant pilot in the last hour (5) are above 3", step.GetProperty("crossed")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("THRESHOLD CROSSED", result.Error, StringComparison.Ordinal);

        var state = await ReadStateAsync();
        Assert.Equal(["1 applied", "1 reverted"], state.Select(entry => $"{entry.GetProperty("step").GetInt32()} {entry.GetProperty("decision").GetString()}"));
        Assert.True(IntelGraph.Flags.Rollout.RolloutDuration.TryParse(state[1].GetProperty("soaked").GetString()!, out var soaked));
        Assert.True(soaked < TimeSpan.FromSeconds(60), $"The step soaked {soaked} although the threshold was crossed early.");

        var (audit, _) = await new FlagAuditLog(FlagAuditLog.DefaultPathFor(FlagsFile)).ReadAsync(Cancellation);
        Assert.Equal(2, audit.Count);
        Assert.Equal(FlagSetting.Off, audit[0].Before);
        Assert.Equal(["pilot"], audit[0].After!.Tenants);
        Assert.Equal(audit[0].After, audit[1].Before);
        Assert.Equal(FlagSetting.Off, audit[1].After);
        Assert.Equal(FlagsRevision.Of(original), audit[1].Revision);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<RolloutRun> RunAsync(params string[] extra) =>
        RolloutRun.InvokeAsync(
        [
            "rollout", "--plan", PlanFile, "--flags", FlagsFile, "--by", "ops@example.org",
            "--target", Server.BaseAddress.ToString(), "--client-secret-file", Server.SecretFile,
            "--poll-interval", "1s", "--json", .. extra.Contains("--soak") ? extra : ["--soak", "2s", .. extra],
        ]);

    private async Task<List<JsonElement>> ReadStateAsync() =>
        [.. (await File.ReadAllLinesAsync(StateFile, Cancellation)).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    /// <summary>Waits until the state file contains <paramref name="text"/>, failing when the rollout ends first or after 30 s.</summary>
    private async Task WaitForStateAsync(string text, Task<RolloutRun> rollout)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(rollout.IsCompleted, rollout.IsCompleted ? $"The rollout ended early: {await rollout}" : null);
            if (File.Exists(StateFile) && (await File.ReadAllTextAsync(StateFile, Cancellation)).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100, Cancellation);
        }

        Assert.Fail($"The state file did not contain {text} within 30 s.");
    }
}

/// <summary>One in-process run of the <c>intelgraph</c> command line with captured output.</summary>
internal sealed record RolloutRun(int ExitCode, string Output, string Error)
{
    public static Task<RolloutRun> InvokeAsync(string[] args) => InvokeAsync(args, TestContext.Current.CancellationToken);

    /// <param name="cancellationToken">Cancelled to interrupt the run, as Ctrl+C does.</param>
    public static async Task<RolloutRun> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment { Out = output, Error = error };
        var exitCode = await IntelGraphCommandLine.InvokeAsync(args, environment, cancellationToken);
        return new RolloutRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
