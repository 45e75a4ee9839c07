namespace IntelGraph.Release.Metrics;

/// <summary>The measurements of the perf gate over the load window, as the target's own metrics report them.</summary>
/// <param name="GraphLatency">The request duration histogram of the graph routes, in seconds, for the window only.</param>
/// <param name="CpuSeconds">Server process CPU time (user and system) spent during the window, or null when the target does not report it.</param>
/// <param name="Source">Where the values came from: the target's <c>/metrics</c> or a Prometheus server's query API.</param>
public sealed record WindowMeasurement(Histogram GraphLatency, double? CpuSeconds, string Source);

/// <summary>The metric names and selectors the perf gate reads.</summary>
public static class PerfMetricNames
{
    /// <summary>The server's request duration histogram, labelled by route template.</summary>
    public const string RequestDuration = "intelgraph_http_request_duration_seconds";

    /// <summary>
    /// The process CPU time counter of .NET's built-in <c>System.Runtime</c> meter
    /// (<c>dotnet.process.cpu.time</c>), as the OpenTelemetry Prometheus exporter names it.
    /// </summary>
    public const string ProcessCpuTime = "dotnet_process_cpu_time_seconds_total";

    /// <summary>The route prefix whose requests count as graph reads.</summary>
    public const string GraphRoutePrefix = "/graph/";

    public static bool IsGraphRoute(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue("route", out var route) && route.StartsWith(GraphRoutePrefix, StringComparison.Ordinal);
}
