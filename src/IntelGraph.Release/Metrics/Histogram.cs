namespace IntelGraph.Release.Metrics;

/// <summary>
/// A cumulative Prometheus histogram summed over the series that a filter selects: the count of
/// observations at or below each upper bound (<c>le</c>).
/// </summary>
public sealed class Histogram(IReadOnlyDictionary<double, double> cumulativeCounts)
{
    public IReadOnlyDictionary<double, double> CumulativeCounts { get; } = cumulativeCounts;

    public double Count => CumulativeCounts.TryGetValue(double.PositiveInfinity, out var total) ? total : CumulativeCounts.Values.DefaultIfEmpty(0).Max();

    /// <summary>Sums the <c>NAME_bucket</c> samples that <paramref name="select"/> accepts, bucket by bucket.</summary>
    public static Histogram From(IEnumerable<MetricSample> samples, string name, Func<IReadOnlyDictionary<string, string>, bool> select)
    {
        var counts = new Dictionary<double, double>();
        foreach (var sample in samples.Where(sample => sample.Name == name + "_bucket" && select(sample.Labels)))
        {
            if (!sample.Labels.TryGetValue("le", out var le) || !double.TryParse(le == "+Inf" ? "Infinity" : le, System.Globalization.CultureInfo.InvariantCulture, out var bound))
            {
                continue;
            }

            counts[bound] = counts.GetValueOrDefault(bound) + sample.Value;
        }

        return new Histogram(counts);
    }

    /// <summary>Returns the observations made between <paramref name="earlier"/> and this histogram, bucket by bucket.</summary>
    public Histogram Since(Histogram earlier) =>
        new(CumulativeCounts.ToDictionary(pair => pair.Key, pair => pair.Value - earlier.CumulativeCounts.GetValueOrDefault(pair.Key)));

    /// <summary>
    /// Estimates the quantile as Prometheus's <c>histogram_quantile</c> does: find the bucket that contains
    /// the rank and interpolate linearly inside it, taking 0 as the lower bound of the first bucket. A rank
    /// in the +Inf bucket returns the highest finite bound. Returns null when there are no observations.
    /// </summary>
    public double? Quantile(double quantile)
    {
        var bounds = CumulativeCounts.Keys.Order().ToList();
        var total = Count;
        if (bounds.Count == 0 || total <= 0)
        {
            return null;
        }

        var rank = quantile * total;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var bound in bounds)
        {
            var count = CumulativeCounts[bound];
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound;
                }

                var inBucket = count - lowerCount;
                return inBucket <= 0 ? bound : lowerBound + ((bound - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = bound;
            lowerCount = count;
        }

        return lowerBound;
    }
}
