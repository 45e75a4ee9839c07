using System.Globalization;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Tests.Infrastructure;

namespace IntelGraph.Release.Tests;

public sealed class PerfGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Perf_measures_its_own_load()
    {
        await using var target = await GateTarget.StartAsync(entities: 12);
        var options = new PerfOptions(Requests: 90, Concurrency: 3, Label: "node");

        var evidence = await PerfGate.RunAsync(target.Context(), options, prometheus: null, null, Token);

        Assert.Equal(GateStatus.Pass, evidence.Status);
        var load = Assert.Single(evidence.Checks, check => check.Id == "load");
        Assert.Equal("90", load.Data["sent"]);
        Assert.Equal("90", load.Data["insights"]);
        var latency = Assert.Single(evidence.Checks, check => check.Id == "p95-latency");

        // Only the load's requests are counted: the search for entities before it, and the scrapes, are not.
        Assert.Equal("90", latency.Data["observations"]);
        var cost = Assert.Single(evidence.Checks, check => check.Id == "cost-per-insight");
        var cpuSeconds = double.Parse(cost.Data["cpuSeconds"], CultureInfo.InvariantCulture);
        Assert.True(cpuSeconds > 0, $"CPU seconds {cpuSeconds}");
        Assert.Equal(
            cpuSeconds * PerfOptions.DefaultPricePerCpuSecond / 90,
            double.Parse(cost.Data["costPerInsight"], CultureInfo.InvariantCulture),
            1e-12);
    }

    [Fact]
    public async Task Perf_fails_above_its_thresholds()
    {
        await using var target = await GateTarget.StartAsync(entities: 6);
        var options = new PerfOptions(Requests: 30, Concurrency: 2, Label: "node", MaxP95Milliseconds: 0.001, MaxCostPerInsight: 1e-15);

        var evidence = await PerfGate.RunAsync(target.Context(), options, prometheus: null, null, Token);

        Assert.Equal(GateStatus.Fail, evidence.Status);
        Assert.Equal(CheckStatus.Fail, Assert.Single(evidence.Checks, check => check.Id == "p95-latency").Status);
        Assert.Equal(CheckStatus.Fail, Assert.Single(evidence.Checks, check => check.Id == "cost-per-insight").Status);
        Assert.Equal("0.001", evidence.Inputs["maxP95Ms"]);
    }

    [Fact]
    public async Task Perf_fails_on_an_empty_graph()
    {
        await using var target = await GateTarget.StartAsync();

        var evidence = await PerfGate.RunAsync(target.Context(), new PerfOptions(Requests: 10), prometheus: null, null, Token);

        Assert.Equal(GateStatus.Fail, evidence.Status);
        Assert.Contains("pick another --label", Assert.Single(evidence.Checks, check => check.Id == "load").Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, Assert.Single(evidence.Checks, check => check.Id == "cost-per-insight").Status);
    }

    [Fact]
    public async Task Perf_reads_a_prometheus_server()
    {
        var program = PrometheusServer.FindProgram();
        Assert.SkipWhen(program is null, "Debian's prometheus package is not installed.");
        await using var target = await GateTarget.StartAsync(entities: 8);
        var scrapeToken = await target.Server.TokenAsync(DevClients.Client(GateTarget.Tenant, "admin"));
        await using var prometheus = await PrometheusServer.StartAsync(program!, target.Server.BaseAddress, scrapeToken, Token);
        // Six one-second scrapes after the load. With three, one run on a busy machine found no graph request in the window.
        var options = new PerfOptions(Requests: 120, Concurrency: 3, Label: "node", PrometheusUrl: prometheus.Address, PrometheusScrapeWait: TimeSpan.FromSeconds(6));

        var evidence = await PerfGate.RunAsync(target.Context(), options, prometheus.Client, null, Token);

        Assert.True(evidence.Status == GateStatus.Pass, string.Join("; ", evidence.Checks.Select(check => $"{check.Id}: {check.Detail}")));
        var latency = Assert.Single(evidence.Checks, check => check.Id == "p95-latency");
        Assert.StartsWith("Prometheus http://127.0.0.1:", latency.Data["source"], StringComparison.Ordinal);
        Assert.True(double.Parse(latency.Data["observations"], CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(Assert.Single(evidence.Checks, check => check.Id == "cost-per-insight").Data["cpuSeconds"], CultureInfo.InvariantCulture) > 0);
        Assert.Equal(prometheus.Address.ToString(), evidence.Inputs["metricsSource"]);
    }
}
