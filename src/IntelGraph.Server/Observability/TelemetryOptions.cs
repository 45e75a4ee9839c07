namespace IntelGraph.Server.Observability;

/// <summary>Trace export settings, bound from <c>IntelGraph:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The environment variable the OpenTelemetry SDK reads for the OTLP endpoint when the setting is empty.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The OTLP collector that receives the server's traces, such as <c>http://127.0.0.1:4317</c>. When
    /// this and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> are both empty, traces are not exported.
    /// </summary>
    public string? OtlpEndpoint { get; set; }
}
