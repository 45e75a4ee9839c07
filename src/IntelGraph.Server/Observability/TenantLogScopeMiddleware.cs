using System.Collections;

namespace IntelGraph.Server.Observability;

/// <summary>
/// Opens a log scope with the request's tenant around the endpoint, so every log line an endpoint writes
/// names its tenant. It runs after authorization, which authenticates the bearer token of protected endpoints.
/// The trace id comes from the logger factory's activity tracking, not from this scope.
/// </summary>
internal sealed class TenantLogScopeMiddleware(RequestDelegate next, ILogger<TenantLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (logger.BeginScope(new TenantLogScope(TenantLabel.Of(context.User))))
        {
            await next(context);
        }
    }
}

/// <summary>
/// The scope state: one <c>TenantId</c> property, which structured formatters such as the JSON console
/// formatter write as a field, and <c>TenantId:value</c> as the scope's message.
/// </summary>
internal sealed class TenantLogScope(string tenant) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Key = "TenantId";

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Key, tenant) : throw new ArgumentOutOfRangeException(nameof(index), index, "The tenant scope has one property.");

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Key}:{tenant}";
}
