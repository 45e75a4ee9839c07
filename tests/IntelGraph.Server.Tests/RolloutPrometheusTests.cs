using System.Text.Json;
using IntelGraph.Cli;
using IntelGraph.Flags.Model;

namespace IntelGraph.Server.Tests;

/// <summary><c>intelgraph rollout --prometheus</c> against a fake Prometheus query API on 127.0.0.1.</summary>
public sealed class RolloutPrometheusTests : IAsyncLifetime
{
    private static readonly string RepositoryFlags = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "unified.yaml");

    private readonly string _folder = Directory.CreateTempSubdirectory("intelgraph-rollout-prometheus-").FullName;
    private FakePrometheus _prometheus = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string FlagsFile => Path.Combine(_folder, "unified.yaml");

    private string PlanFile => Path.Combine(_folder, "plan.yaml");

    private const string Plan = """
        version: 1
        environment: prod
        window: 10m
        thresholds:
          graphQueryP95Ms: 1500
          policyDeniedPercent: 5
        steps:
          - name: pilot-federation
            description: Federation for the pilot tenant.
            set:
              enableFederation: { tenants: [pilot] }
            monitor: [IntelGraphBudgetDenialsHigh]
        """;

    public async ValueTask InitializeAsync()
    {
        _prometheus = await FakePrometheus.StartAsync(Cancellation);
        File.Copy(RepositoryFlags, FlagsFile);
        await File.WriteAllTextAsync(PlanFile, Plan, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _prometheus.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Quiet_metrics_keep_step()
    {
        _prometheus.GraphQueryP95Milliseconds = 200;
        _prometheus.PolicyDeniedPercent = 1;

        var result = await RunAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var flags = await IntelGraph.Flags.Yaml.FlagsFileReader.ReadAsync(FlagsFile, "prod", Cancellation);
        Assert.Equal(["pilot"], flags.SettingsFor("prod")[FlagNames.EnableFederation].Tenants);
        Assert.Contains(_prometheus.Queries, query => query.Contains("rate(intelgraph_graph_query_duration_seconds_bucket[10m])", StringComparison.Ordinal));
        Assert.Contains(_prometheus.Queries, query => query.Contains("intelgraph_policy_decisions_total{decision=\"denied\"}[10m]", StringComparison.Ordinal));
        Assert.Contains("ALERTS{alertstate=\"firing\"}", _prometheus.Queries);
        var step = JsonDocument.Parse(result.Output).RootElement.GetProperty("steps")[0];
        Assert.Equal(200, step.GetProperty("maximum").GetProperty("graphQueryP95Milliseconds").GetDouble());
    }

    [Fact]
    public async Task Slow_graph_queries_revert_step()
    {
        var original = await File.ReadAllBytesAsync(FlagsFile, Cancellation);
        _prometheus.GraphQueryP95Milliseconds = 2400;

        var result = await RunAsync();

        Assert.True(result.ExitCode == ExitCodes.RolloutHalted, result.ToString());
        Assert.Equal(original, await File.ReadAllBytesAsync(FlagsFile, Cancellation));
        var crossed = JsonDocument.Parse(result.Output).RootElement.GetProperty("steps")[0].GetProperty("crossed");
        Assert.Equal("graph query p95 2400 ms is above 1500 ms", crossed[0].GetString());
    }

    [Fact]
    public async Task Firing_monitored_alert_reverts_step()
    {
        var original = await File.ReadAllBytesAsync(FlagsFile, Cancellation);
        _prometheus.GraphQueryP95Milliseconds = null;
        _prometheus.FiringAlerts = ["IntelGraphGraphQueryLatencyHigh", "IntelGraphBudgetDenialsHigh"];

        var result = await RunAsync();

        Assert.True(result.ExitCode == ExitCodes.RolloutHalted, result.ToString());
        Assert.Equal(original, await File.ReadAllBytesAsync(FlagsFile, Cancellation));
        var crossed = JsonDocument.Parse(result.Output).RootElement.GetProperty("steps")[0].GetProperty("crossed");
        Assert.Equal(["alert IntelGraphBudgetDenialsHigh is firing"], crossed.EnumerateArray().Select(item => item.GetString()));
    }

    [Fact]
    public async Task Interrupted_soak_resumes_and_reverts()
    {
        var original = await File.ReadAllBytesAsync(FlagsFile, Cancellation);
        _prometheus.GraphQueryP95Milliseconds = 200;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var stateFile = Path.Combine(_folder, "rollout-state.jsonl");

        var interrupted = RunAsync("60s", interrupt.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(stateFile) && DateTime.UtcNow < deadline && !interrupted.IsCompleted)
        {
            await Task.Delay(100, Cancellation);
        }

        await interrupt.CancelAsync();
        var first = await interrupted;

        Assert.Equal(ExitCodes.Interrupted, first.ExitCode);
        Assert.Contains("stays applied", first.Error, StringComparison.Ordinal);
        Assert.NotEqual(original, await File.ReadAllBytesAsync(FlagsFile, Cancellation));

        _prometheus.GraphQueryP95Milliseconds = 2400;
        var second = await RunAsync();

        Assert.True(second.ExitCode == ExitCodes.RolloutHalted, second.ToString());
        Assert.Contains("applied by an earlier run", second.Error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(FlagsFile, Cancellation));
        var decisions = (await File.ReadAllLinesAsync(stateFile, Cancellation)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("decision").GetString());
        Assert.Equal(["applied", "reverted"], decisions);
    }

    private Task<RolloutRun> RunAsync(string soak = "2s", CancellationToken? cancellationToken = null) =>
        RolloutRun.InvokeAsync(
        [
            "rollout", "--plan", PlanFile, "--flags", FlagsFile, "--by", "ops@example.org",
            "--prometheus", _prometheus.BaseAddress.ToString(), "--soak", soak, "--poll-interval", "1s", "--json",
        ],
        cancellationToken ?? Cancellation);
}
