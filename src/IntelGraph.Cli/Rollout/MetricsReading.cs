namespace IntelGraph.Cli.Rollout;

/// <summary>
/// One reading of the values a rollout watches. A null value had no data, such as a p95 without any
/// graph query in the window, and never crosses a threshold.
/// </summary>
/// <param name="BudgetDenialsTenant">The tenant with the most budget denials in the last hour, which <see cref="BudgetDenialsPerHour"/> counts.</param>
/// <param name="FiringAlerts">The step's monitored alerts that Prometheus reports as firing; always empty when the server is scraped directly.</param>
internal sealed record MetricsReading(
    DateTimeOffset At,
    double? GraphQueryP95Milliseconds,
    double? PolicyDeniedPercent,
    double? BudgetDenialsPerHour,
    string? BudgetDenialsTenant,
    double? WalletRevocationsPerHour,
    IReadOnlyList<string> FiringAlerts);

/// <summary>Where a rollout reads its metrics from: the target server's own <c>/metrics</c>, or a Prometheus server.</summary>
internal interface IRolloutMetricsSource
{
    /// <summary>The address read, for progress output.</summary>
    string Description { get; }

    /// <summary>Takes the baseline a step's readings are measured from. Call it before the step is applied.</summary>
    /// <exception cref="MetricsUnavailableException">The source could not be read.</exception>
    Task StartAsync(CancellationToken cancellationToken);

    /// <param name="window">The window of the p95 and the deny share. The per-hour values always cover one hour.</param>
    /// <param name="monitoredAlerts">The alert names whose firing halts the step.</param>
    /// <exception cref="MetricsUnavailableException">The source could not be read.</exception>
    Task<MetricsReading> ReadAsync(TimeSpan window, IReadOnlyList<string> monitoredAlerts, CancellationToken cancellationToken);
}

/// <summary>A metrics source that could not be read: unreachable, an error status, or a response in an unexpected shape.</summary>
internal sealed class MetricsUnavailableException : IntelGraph.Core.IntelGraphException
{
    public MetricsUnavailableException(string message)
        : base(message)
    {
    }

    public MetricsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
