using IntelGraph.Governance;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Identity;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Freeze;

/// <summary>The admin endpoints that freeze and unfreeze writes for the whole deployment, as <c>intelgraph freeze</c> does.</summary>
public static class FreezeEndpoints
{
    public const int MaxBannerLength = 500;

    public static RouteGroupBuilder MapFreezeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/freeze").WithTags("Write freeze").RequireMatrixAccess();

        group.MapGet("", GetFreezeAsync).WithName("GetFreeze").WithSummary("Read whether writes are frozen.");
        group.MapPut("", FreezeAsync).WithName("Freeze").WithSummary("Freeze writes, or replace the banner and exempt clients of the freeze in force.");
        group.MapDelete("", UnfreezeAsync).WithName("Unfreeze").WithSummary("Allow writes again.");

        return group;
    }

    internal static async Task<Ok<FreezeStatus>> GetFreezeAsync([AsParameters] FreezeServices services, CancellationToken cancellationToken)
    {
        var stores = await services.Stores.GetAsync(cancellationToken);
        var freeze = await stores.WriteFreeze.FindAsync(cancellationToken);
        return TypedResults.Ok(FreezeStatus.From(freeze));
    }

    internal static async Task<Results<Ok<FreezeStatus>, ValidationProblem>> FreezeAsync(
        FreezeRequest request,
        [AsParameters] FreezeServices services,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var banner = InputRules.Text(errors, "banner", request.Banner?.Trim(), MaxBannerLength, required: true);
        var exemptClients = CheckExemptClients(errors, request.ExemptClients ?? []);
        if (banner is null || exemptClients is null)
        {
            return errors.ToProblem();
        }

        var stores = await services.Stores.GetAsync(cancellationToken);
        var freeze = await stores.WriteFreeze.FreezeAsync(banner, exemptClients, cancellationToken);
        services.FreezeState.Current = freeze;
        ServerLog.WritesFrozen(services.Logger, SubjectOf(services.HttpContext), freeze.Banner, string.Join(", ", freeze.ExemptClients));
        return TypedResults.Ok(FreezeStatus.From(freeze));
    }

    internal static async Task<Ok<UnfreezeResult>> UnfreezeAsync(
        [AsParameters] FreezeServices services,
        CancellationToken cancellationToken)
    {
        var stores = await services.Stores.GetAsync(cancellationToken);
        var ended = await stores.WriteFreeze.UnfreezeAsync(cancellationToken);
        services.FreezeState.Current = null;

        double? frozenSeconds = ended is null ? null : (services.TimeProvider.GetUtcNow() - ended.FrozenAt).TotalSeconds;
        if (frozenSeconds is { } seconds)
        {
            ServerLog.WritesUnfrozen(services.Logger, SubjectOf(services.HttpContext), seconds);
        }

        return TypedResults.Ok(new UnfreezeResult(Frozen: false, WasFrozen: ended is not null, FrozenSeconds: frozenSeconds));
    }

    /// <summary>Adds an error per invalid id, named like <c>exemptClients[2]</c>. Returns the ids without repeats, or null when any is invalid.</summary>
    private static string[]? CheckExemptClients(FieldErrors errors, IReadOnlyList<string?> clientIds)
    {
        var problems = FreezeExemptions.Validate(clientIds);
        foreach (var problem in problems)
        {
            var field = problem.Index is { } index ? $"exemptClients[{index}]" : "exemptClients";
            errors.Add(field, $"{field} {problem.Message}");
        }

        return problems.Count == 0 ? clientIds.OfType<string>().Distinct(StringComparer.Ordinal).ToArray() : null;
    }

    private static string SubjectOf(HttpContext httpContext) => httpContext.User.FindFirst(TokenClaims.Subject)?.Value ?? "(unknown)";
}

/// <summary>The dependencies of the freeze endpoints, bound once per request.</summary>
internal sealed class FreezeServices(
    RequestStores stores,
    RequestFreezeState freezeState,
    TimeProvider timeProvider,
    HttpContext httpContext,
    ILogger<FreezeServices> logger)
{
    public RequestStores Stores { get; } = stores;

    public RequestFreezeState FreezeState { get; } = freezeState;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public HttpContext HttpContext { get; } = httpContext;

    public ILogger<FreezeServices> Logger { get; } = logger;
}

/// <summary>The body of <c>PUT /admin/freeze</c>.</summary>
/// <param name="Banner">The text shown to users while writes are frozen, at most 500 characters.</param>
/// <param name="ExemptClients">OAuth client ids whose writes proceed during the freeze, none when absent.</param>
public sealed record FreezeRequest(string? Banner, IReadOnlyList<string?>? ExemptClients = null);

/// <summary>Whether writes are frozen, since when and why, and which clients may still write.</summary>
/// <param name="ExemptClients">The clients whose writes proceed during the freeze, empty when writes are not frozen.</param>
/// <remarks>NOTE: <c>GET /status</c> returns this without a token, so anyone can read which client ids may write during a freeze.</remarks>
public sealed record FreezeStatus(bool Frozen, string? Banner, DateTimeOffset? FrozenAt, IReadOnlyList<string> ExemptClients)
{
    public static FreezeStatus From(WriteFreeze? freeze) => new(freeze is not null, freeze?.Banner, freeze?.FrozenAt, freeze?.ExemptClients ?? []);
}

/// <summary>The response to <c>DELETE /admin/freeze</c>.</summary>
/// <param name="FrozenSeconds">How long the freeze that ended lasted, or null when writes were not frozen.</param>
public sealed record UnfreezeResult(bool Frozen, bool WasFrozen, double? FrozenSeconds);
