using IntelGraph.Server.Access;

namespace IntelGraph.Server.Observability;

/// <summary>The Prometheus scrape endpoint.</summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>
    /// Maps <c>GET /metrics</c>, the OpenTelemetry Prometheus exporter's text exposition. It is admin-only
    /// because the budget denial counter names tenants. Like the write freeze it covers the whole
    /// deployment: an admin of any tenant, or an admin token without a tenant, reads every tenant's series.
    /// </summary>
    public static IEndpointConventionBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path)
            // The exporter maps the path for every method; the access matrix needs exactly one.
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithDisplayName("GET /metrics")
            .RequireMatrixAccess();
}
