namespace IntelGraph.Server.Observability;

/// <summary>The log events of metrics and tracing, event ids 2100 to 2149.</summary>
internal static partial class ObservabilityLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Exporting traces over OTLP to {Endpoint}")]
    public static partial void TraceExportEnabled(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Trace export is off. Set IntelGraph:Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT to send traces to a collector")]
    public static partial void TraceExportDisabled(ILogger logger);
}
