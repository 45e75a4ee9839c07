namespace IntelGraph.Server.Observability;

/// <summary>Logs at start where traces go, so an operator can see that export is on or off.</summary>
internal sealed class TelemetryStartup(TraceExportTarget target, ILogger<TelemetryStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (target.Endpoint is { } endpoint)
        {
            ObservabilityLog.TraceExportEnabled(logger, endpoint);
        }
        else
        {
            ObservabilityLog.TraceExportDisabled(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The OTLP endpoint traces are exported to, or null when export is off.</summary>
internal sealed record TraceExportTarget(string? Endpoint);
