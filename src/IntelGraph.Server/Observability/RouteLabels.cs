namespace IntelGraph.Server.Observability;

/// <summary>Metric and span label values derived from a request.</summary>
internal static class RouteLabels
{
    /// <summary>
    /// The route label of requests that matched no endpoint: unknown paths and the development issuer's
    /// paths, which OpenIddict serves from middleware.
    /// </summary>
    public const string Unmatched = "unmatched";

    /// <summary>Returns the matched endpoint's route template, never the raw path, or <see cref="Unmatched"/>.</summary>
    public static string RouteOf(Endpoint? endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: { } template } ? "/" + template.Trim('/') : Unmatched;
}
