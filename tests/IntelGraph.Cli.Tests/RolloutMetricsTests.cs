using IntelGraph.Cli.Rollout;

namespace IntelGraph.Cli.Tests;

/// <summary>The rollout's reading of Prometheus text and its p95 estimate, checked against values worked out by hand.</summary>
public sealed class RolloutMetricsTests
{
    [Fact]
    public void Exposition_sums_by_label()
    {
        var exposition = MetricsExposition.Parse("""
            # HELP intelgraph_budget_denials_total Budget checks that denied a query, by tenant.
            # TYPE intelgraph_budget_denials_total counter
            intelgraph_budget_denials_total{otel_scope_name="IntelGraph.Server",tenant="pilot"} 7 1733356800000
            intelgraph_budget_denials_total{tenant="a \"quoted\", name"} 2
            intelgraph_policy_decisions_total{decision="denied"} 3
            intelgraph_policy_decisions_total{decision="allowed"} 97
            intelgraph_wallet_revocations_total 0

            """);

        Assert.Equal(7, exposition.SumBy("intelgraph_budget_denials_total", "tenant")["pilot"]);
        Assert.Equal(2, exposition.SumBy("intelgraph_budget_denials_total", "tenant")["a \"quoted\", name"]);
        Assert.Equal(3, exposition.Sum("intelgraph_policy_decisions_total", "decision", "denied"));
        Assert.Equal(100, exposition.Sum("intelgraph_policy_decisions_total"));
        Assert.Equal(0, exposition.Sum("intelgraph_wallet_revocations_total"));
    }

    [Fact]
    public void Exposition_rejects_garbage_with_line()
    {
        var exception = Assert.Throws<FormatException>(() => MetricsExposition.Parse("intelgraph_up 1\n<html>not metrics</html>\n"));

        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void P95_interpolates_inside_bucket()
    {
        // 100 observations: 50 up to 0.5 s, 40 more up to 1 s, 10 more up to 2.5 s. Rank 95 is the 5th of
        // the 10 in (1, 2.5], so the estimate is 1 + 1.5 * 5 / 10 = 1.75 s.
        var buckets = new Dictionary<double, double> { [0.5] = 50, [1] = 90, [2.5] = 100, [double.PositiveInfinity] = 100 };

        Assert.Equal(1.75, new IntelGraph.Release.Metrics.Histogram(buckets).Quantile(0.95)!.Value, precision: 10);
    }

    [Fact]
    public void P95_in_infinite_bucket_is_highest_bound()
    {
        var buckets = new Dictionary<double, double> { [0.5] = 1, [10] = 2, [double.PositiveInfinity] = 100 };

        Assert.Equal(10, new IntelGraph.Release.Metrics.Histogram(buckets).Quantile(0.95));
    }

    [Fact]
    public void P95_of_empty_histogram_is_null()
    {
        Assert.Null(new IntelGraph.Release.Metrics.Histogram(new Dictionary<double, double> { [1] = 0, [double.PositiveInfinity] = 0 }).Quantile(0.95));
        Assert.Null(new IntelGraph.Release.Metrics.Histogram(new Dictionary<double, double>()).Quantile(0.95));
    }

    [Fact]
    public void Counter_reset_counts_whole_value()
    {
        Assert.Equal(5, ServerMetricsSnapshot.Increase(12, 7));
        Assert.Equal(3, ServerMetricsSnapshot.Increase(3, 7));
    }
}
