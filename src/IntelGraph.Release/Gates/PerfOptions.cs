namespace IntelGraph.Release.Gates;

/// <summary>The perf gate's load and thresholds.</summary>
/// <param name="Requests">How many graph reads the synthetic load sends in all.</param>
/// <param name="Concurrency">How many of them are in flight at once.</param>
/// <param name="Label">The text the load searches entity labels for; the entities found are then read with their neighbours.</param>
/// <param name="MaxP95Milliseconds">The highest graph read p95 latency that passes, in milliseconds.</param>
/// <param name="MaxCostPerInsight">The highest cost per insight that passes, in the currency of <paramref name="PricePerCpuSecond"/>.</param>
/// <param name="PricePerCpuSecond">What one second of server CPU time costs; see docs/cost-per-insight.md.</param>
/// <param name="PrometheusUrl">A Prometheus server that scrapes the target; when null the gate reads the target's <c>/metrics</c> before and after the load.</param>
/// <param name="PrometheusScrapeWait">How long to wait after the load before querying Prometheus, so its next scrape includes the load.</param>
public sealed record PerfOptions(
    int Requests = PerfOptions.DefaultRequests,
    int Concurrency = PerfOptions.DefaultConcurrency,
    string Label = "a",
    double MaxP95Milliseconds = PerfOptions.DefaultMaxP95Milliseconds,
    double MaxCostPerInsight = PerfOptions.DefaultMaxCostPerInsight,
    double PricePerCpuSecond = PerfOptions.DefaultPricePerCpuSecond,
    Uri? PrometheusUrl = null,
    TimeSpan? PrometheusScrapeWait = null)
{
    public const int DefaultRequests = 300;
    public const int DefaultConcurrency = 4;
    public const double DefaultMaxP95Milliseconds = 1500;
    public const double DefaultMaxCostPerInsight = 0.005;

    /// <summary>
    /// USD per CPU-second: an estimate from on-demand prices of general-purpose cloud vCPUs, about
    /// USD 0.04 to 0.05 per vCPU-hour (memory included). Replace it with the deployment's real price.
    /// </summary>
    public const double DefaultPricePerCpuSecond = 0.000012;
}
