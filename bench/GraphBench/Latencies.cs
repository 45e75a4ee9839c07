using System.Diagnostics;

namespace IntelGraph.Bench.Graph;

/// <summary>Times one operation per sample and reports percentiles in milliseconds.</summary>
internal static class Latencies
{
    public static LatencySummary Measure<T>(IReadOnlyList<T> samples, Func<T, long> operation)
    {
        var times = new double[samples.Count];
        long rows = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            rows += operation(samples[i]);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return new LatencySummary(samples.Count, Percentile(times, 0.50), Percentile(times, 0.95), Percentile(times, 0.99), times[^1], rows);
    }

    // The nearest-rank percentile: the smallest time that at least the given share of samples do not exceed.
    private static double Percentile(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <param name="Rows">The rows all samples returned together, to compare with another engine's results.</param>
internal sealed record LatencySummary(int Samples, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Rows);
