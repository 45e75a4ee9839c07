using System.Globalization;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// The counters a rollout watches, taken from one scrape of the server's <c>GET /metrics</c>. The names
/// are those the server exports and ops/prometheus/alerts.yml uses.
/// </summary>
internal sealed record ServerMetricsSnapshot(
    DateTimeOffset At,
    IReadOnlyDictionary<double, double> GraphQueryBuckets,
    double PolicyDenied,
    double PolicyDecisions,
    IReadOnlyDictionary<string, double> BudgetDenials,
    double WalletRevocations)
{
    public const string GraphQueryBucketMetric = "intelgraph_graph_query_duration_seconds_bucket";
    public const string PolicyDecisionsMetric = "intelgraph_policy_decisions_total";
    public const string BudgetDenialsMetric = "intelgraph_budget_denials_total";
    public const string WalletRevocationsMetric = "intelgraph_wallet_revocations_total";

    /// <summary>Sums each counter over the labels a rollout does not split by: the graph histogram over its routes.</summary>
    public static ServerMetricsSnapshot From(MetricsExposition exposition, DateTimeOffset at)
    {
        var buckets = new Dictionary<double, double>();
        foreach (var (bound, count) in exposition.SumBy(GraphQueryBucketMetric, "le"))
        {
            if (TryParseBound(bound, out var upper))
            {
                buckets[upper] = count;
            }
        }

        return new ServerMetricsSnapshot(
            at,
            buckets,
            exposition.Sum(PolicyDecisionsMetric, "decision", "denied"),
            exposition.Sum(PolicyDecisionsMetric),
            exposition.SumBy(BudgetDenialsMetric, "tenant"),
            exposition.Sum(WalletRevocationsMetric));
    }

    /// <summary>
    /// Returns how much a counter grew since <paramref name="earlier"/>. A smaller value means the
    /// server restarted and its counters began again at 0, so the whole current value is new, as
    /// Prometheus's <c>increase</c> assumes.
    /// </summary>
    public static double Increase(double current, double earlier) => current >= earlier ? current - earlier : current;

    private static bool TryParseBound(string text, out double bound)
    {
        if (text == "+Inf")
        {
            bound = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }
}
