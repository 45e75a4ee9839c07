namespace IntelGraph.Server.Observability;

/// <summary>
/// Times the graph endpoints' handlers, from after parameter binding to the handler's result. Today
/// these handlers are the graph queries.
/// </summary>
internal sealed class GraphQueryTimingFilter(ServerMetrics metrics, TimeProvider timeProvider) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            return await next(context);
        }
        finally
        {
            metrics.RecordGraphQuery(RouteLabels.RouteOf(context.HttpContext.GetEndpoint()), timeProvider.GetElapsedTime(started));
        }
    }
}
