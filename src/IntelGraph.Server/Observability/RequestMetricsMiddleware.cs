namespace IntelGraph.Server.Observability;

/// <summary>
/// Records each request's duration by method, route template and status code. It is the outermost
/// middleware, so the time includes authentication, error handling and writing the response.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, ServerMetrics metrics, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = timeProvider.GetTimestamp();

        // Routing runs before the first middleware, so the endpoint is known here. The exception
        // handler clears it while it writes an error response, so it is read before, not after.
        var route = RouteLabels.RouteOf(context.GetEndpoint());
        try
        {
            await next(context);
        }
        finally
        {
            metrics.RecordRequest(context.Request.Method, route, context.Response.StatusCode, timeProvider.GetElapsedTime(started));
        }
    }
}
