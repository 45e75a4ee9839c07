namespace IntelGraph.Cli.Rollout;

/// <summary>
/// Estimates a quantile from cumulative histogram buckets the way Prometheus's
/// <c>histogram_quantile</c> does: linear interpolation inside the bucket that holds the rank, with 0
/// as the lower bound of the first bucket, and the highest finite bound when the rank falls in
/// <c>+Inf</c>.
/// </summary>
internal static class HistogramQuantile
{
    /// <param name="quantile">From 0 to 1, such as 0.95.</param>
    /// <param name="buckets">Cumulative counts by upper bound, including <see cref="double.PositiveInfinity"/>.</param>
    /// <returns>The estimate in the buckets' unit, or null when the histogram has no observations.</returns>
    public static double? Estimate(double quantile, IReadOnlyDictionary<double, double> buckets)
    {
        var ordered = buckets.OrderBy(bucket => bucket.Key).ToList();
        if (ordered.Count == 0 || !double.IsPositiveInfinity(ordered[^1].Key) || ordered[^1].Value <= 0)
        {
            return null;
        }

        var rank = quantile * ordered[^1].Value;
        var lower = 0.0;
        var countBelow = 0.0;
        foreach (var (upper, cumulative) in ordered)
        {
            if (cumulative >= rank && cumulative > countBelow)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return ordered.Count > 1 ? ordered[^2].Key : null;
                }

                return lower + (upper - lower) * (rank - countBelow) / (cumulative - countBelow);
            }

            lower = upper;
            countBelow = cumulative;
        }

        return null;
    }
}
