using IntelGraph.Server.Storage;

namespace IntelGraph.Server.Freeze;

/// <summary>
/// Reads the write freeze from the store at the start of every request and, while writes are frozen,
/// adds the banner to the response as <c>X-IntelGraph-Banner</c>. Reading the store each time lets the
/// server see a freeze set by the CLI in another process at once.
/// </summary>
internal sealed class BannerHeaderMiddleware(RequestDelegate next, ILogger<BannerHeaderMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestStores requestStores, RequestFreezeState state)
    {
        try
        {
            var stores = await requestStores.GetAsync(context.RequestAborted);
            state.Current = await stores.WriteFreeze.FindAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An unreachable store must not take down health and readiness checks; /readyz reports it.
            ServerLog.FreezeUnreadable(logger, context.Request.Method, context.Request.Path, ex);
        }

        // OnStarting runs after the exception handler may have cleared the headers, so the banner survives error responses too.
        context.Response.OnStarting(() =>
        {
            if (state.Current is { } freeze)
            {
                context.Response.Headers[RequestFreezeState.BannerHeader] = RequestFreezeState.EncodeBanner(freeze.Banner);
            }

            return Task.CompletedTask;
        });

        await next(context);
    }
}
