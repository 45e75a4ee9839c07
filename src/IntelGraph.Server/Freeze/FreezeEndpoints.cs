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
        group.MapPut("", FreezeAsync).WithName("Freeze").WithSummary("Freeze writes, or replace the banner of the freeze in force.");
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
        if (banner is null)
        {
            return errors.ToProblem();
        }

        var stores = await services.Stores.GetAsync(cancellationToken);
        var freeze = await stores.WriteFreeze.FreezeAsync(banner, cancellationToken);
        services.FreezeState.Current = freeze;
        ServerLog.WritesFrozen(services.Logger, SubjectOf(services.HttpContext), freeze.Banner);
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
public sealed record FreezeRequest(string? Banner);

/// <summary>Whether writes are frozen, and since when and why.</summary>
public sealed record FreezeStatus(bool Frozen, string? Banner, DateTimeOffset? FrozenAt)
{
    public static FreezeStatus From(WriteFreeze? freeze) => new(freeze is not null, freeze?.Banner, freeze?.FrozenAt);
}

/// <summary>The response to <c>DELETE /admin/freeze</c>.</summary>
/// <param name="FrozenSeconds">How long the freeze that ended lasted, or null when writes were not frozen.</param>
public sealed record UnfreezeResult(bool Frozen, bool WasFrozen, double? FrozenSeconds);
