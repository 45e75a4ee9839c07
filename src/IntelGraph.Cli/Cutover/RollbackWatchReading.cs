using System.Globalization;
using IntelGraph.Release.Metrics;

namespace IntelGraph.Cli.Cutover;

/// <summary>
/// What the new side's metrics show between two scrapes of its <c>/metrics</c>: request latency, the
/// share of policy decisions that denied, and the cost per insight. A value without data is null and
/// never crosses a threshold.
/// </summary>
internal sealed record RollbackWatchReading(double? P95Milliseconds, double? PolicyDeniedPercent, double? CostPerInsight)
{
    public const string RequestDuration = "intelgraph_http_request_duration_seconds";
    public const string PolicyDecisions = "intelgraph_policy_decisions_total";

    /// <summary>Computes the reading from the change between an earlier scrape and a later one.</summary>
    /// <remarks>
    /// An insight here is a graph request that returned 2xx, because the server's metrics do not show
    /// whether a read returned data. The perf gate sends the reads itself, so it counts only reads with data.
    /// </remarks>
    public static RollbackWatchReading Between(IReadOnlyList<MetricSample> earlier, IReadOnlyList<MetricSample> later, double pricePerCpuSecond)
    {
        var latency = Histogram.From(later, RequestDuration, _ => true).Since(Histogram.From(earlier, RequestDuration, _ => true));
        var p95 = latency.Quantile(0.95) * 1000;

        var denied = Increase(earlier, later, PolicyDecisions, labels => labels.GetValueOrDefault("decision") == "denied");
        var decisions = Increase(earlier, later, PolicyDecisions, _ => true);

        var cpu = Increase(earlier, later, PerfMetricNames.ProcessCpuTime, _ => true);
        var insights = Increase(earlier, later, RequestDuration + "_count", labels =>
            PerfMetricNames.IsGraphRoute(labels) && labels.GetValueOrDefault("status", string.Empty).StartsWith('2'));

        return new RollbackWatchReading(
            p95,
            decisions > 0 ? 100 * denied / decisions : null,
            insights > 0 ? cpu * pricePerCpuSecond / insights : null);
    }

    /// <summary>Returns each threshold of <paramref name="watch"/> this reading is above, worded for the timeline.</summary>
    public IReadOnlyList<string> Crossed(RollbackWatch watch)
    {
        var crossed = new List<string>();
        Check(crossed, "p95 latency", P95Milliseconds, watch.MaxP95Milliseconds, "ms");
        Check(crossed, "policy denied", PolicyDeniedPercent, watch.MaxPolicyDeniedPercent, "%");
        Check(crossed, "cost per insight", CostPerInsight, watch.MaxCostPerInsight, string.Empty);
        return crossed;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p95 {Format(P95Milliseconds)} ms, policy denied {Format(PolicyDeniedPercent)} %, cost per insight {Format(CostPerInsight)}");

    private static void Check(List<string> crossed, string name, double? value, double? limit, string unit)
    {
        if (value is { } actual && limit is { } maximum && actual > maximum)
        {
            crossed.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {actual:0.######}{unit} is above {maximum:0.######}{unit}"));
        }
    }

    private static string Format(double? value) => value is { } number ? number.ToString("0.######", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>How much a counter, summed over the selected series, grew; a smaller value means the server restarted, so all of it is new.</summary>
    private static double Increase(IReadOnlyList<MetricSample> earlier, IReadOnlyList<MetricSample> later, string name, Func<IReadOnlyDictionary<string, string>, bool> select)
    {
        double Sum(IReadOnlyList<MetricSample> samples) => samples.Where(sample => sample.Name == name && select(sample.Labels)).Sum(sample => sample.Value);
        var before = Sum(earlier);
        var after = Sum(later);
        return after >= before ? after - before : after;
    }
}
