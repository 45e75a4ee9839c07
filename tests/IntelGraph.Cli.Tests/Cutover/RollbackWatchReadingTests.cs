using IntelGraph.Cli.Cutover;
using IntelGraph.Release.Metrics;

namespace IntelGraph.Cli.Tests.Cutover;

public sealed class RollbackWatchReadingTests
{
    private static readonly RollbackWatch Watch = new(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15), 100, 5, 0.001, 0.5);

    [Fact]
    public void Reading_between_two_scrapes()
    {
        var earlier = PrometheusText.Parse(Exposition(fast: 10, slow: 0, allowed: 10, denied: 0, cpu: 1.0, graphOk: 0));
        var later = PrometheusText.Parse(Exposition(fast: 20, slow: 10, allowed: 20, denied: 10, cpu: 2.0, graphOk: 100));

        var reading = RollbackWatchReading.Between(earlier, later, pricePerCpuSecond: 0.5);

        // 20 new requests, 10 of them slow: p95 falls in the 0.1–1 s bucket.
        Assert.InRange(reading.P95Milliseconds!.Value, 100, 1000);
        Assert.Equal(50, reading.PolicyDeniedPercent);
        Assert.Equal(0.005, reading.CostPerInsight!.Value, 9);
        Assert.Equal(3, reading.Crossed(Watch).Count);
    }

    [Fact]
    public void Reading_without_traffic_crosses_nothing()
    {
        var scrape = PrometheusText.Parse(Exposition(fast: 10, slow: 0, allowed: 10, denied: 0, cpu: 1.0, graphOk: 5));

        var reading = RollbackWatchReading.Between(scrape, scrape, pricePerCpuSecond: 0.5);

        Assert.Null(reading.P95Milliseconds);
        Assert.Null(reading.PolicyDeniedPercent);
        Assert.Null(reading.CostPerInsight);
        Assert.Empty(reading.Crossed(Watch));
    }

    [Fact]
    public void Reading_after_restart_counts_from_zero()
    {
        var earlier = PrometheusText.Parse(Exposition(fast: 100, slow: 0, allowed: 100, denied: 0, cpu: 50, graphOk: 100));
        var later = PrometheusText.Parse(Exposition(fast: 4, slow: 0, allowed: 3, denied: 1, cpu: 1, graphOk: 2));

        var reading = RollbackWatchReading.Between(earlier, later, pricePerCpuSecond: 0.5);

        Assert.Equal(25, reading.PolicyDeniedPercent);
        Assert.Equal(0.25, reading.CostPerInsight);
    }

    private static string Exposition(int fast, int slow, int allowed, int denied, double cpu, int graphOk) => $"""
        intelgraph_http_request_duration_seconds_bucket{"{"}method="GET",route="/cases",status="200",le="0.01"{"}"} {fast}
        intelgraph_http_request_duration_seconds_bucket{"{"}method="GET",route="/cases",status="200",le="0.1"{"}"} {fast}
        intelgraph_http_request_duration_seconds_bucket{"{"}method="GET",route="/cases",status="200",le="1"{"}"} {fast + slow}
        intelgraph_http_request_duration_seconds_bucket{"{"}method="GET",route="/cases",status="200",le="+Inf"{"}"} {fast + slow}
        intelgraph_http_request_duration_seconds_count{"{"}method="GET",route="/graph/entities",status="200"{"}"} {graphOk}
        intelgraph_http_request_duration_seconds_count{"{"}method="GET",route="/graph/entities",status="404"{"}"} 7
        intelgraph_policy_decisions_total{"{"}decision="allowed"{"}"} {allowed}
        intelgraph_policy_decisions_total{"{"}decision="denied"{"}"} {denied}
        dotnet_process_cpu_time_seconds_total{"{"}cpu_mode="user"{"}"} {cpu.ToString(System.Globalization.CultureInfo.InvariantCulture)}

        """;
}
