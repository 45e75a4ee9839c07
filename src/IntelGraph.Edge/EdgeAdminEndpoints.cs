using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntelGraph.Edge;

/// <summary>
/// The edge's switch endpoints under <c>/_edge</c>. They respond only on the admin address, which must be
/// a loopback address, and only to loopback callers. Anywhere else they return 404 like any unknown path.
/// </summary>
public static class EdgeAdminEndpoints
{
    public const string Prefix = "/_edge";

    public static RouteGroupBuilder MapEdgeAdminEndpoints(this IEndpointRouteBuilder app, EdgeSettings settings)
    {
        var group = app.MapGroup(Prefix);
        group.AddEndpointFilter(async (context, next) =>
            IsAdminRequest(context.HttpContext, settings) ? await next(context) : TypedResults.NotFound());

        group.MapGet("/state", (EdgeRouter router) => TypedResults.Ok(EdgeStatus.Of(router.State, router.Settings, changed: null)));
        group.MapPost("/switch", SwitchAsync);
        group.MapPost("/rollback", RollbackAsync);
        return group;
    }

    /// <summary>True when the request came to the admin port from a loopback address.</summary>
    public static bool IsAdminRequest(HttpContext context, EdgeSettings settings) =>
        context.Connection.LocalPort == settings.Admin.Port
        && context.Connection.RemoteIpAddress is { } remote
        && IPAddress.IsLoopback(remote);

    private static async Task<Results<Ok<EdgeStatus>, ProblemHttpResult>> SwitchAsync(EdgeSwitchRequest request, EdgeRouter router, CancellationToken cancellationToken)
    {
        if (!EdgeSides.TryParse(request.To, out var to))
        {
            return Problem(StatusCodes.Status400BadRequest, $"invalid side '{request.To}'; expected blue or green.");
        }

        if (Invalid(request.By, request.Reason) is { } problem)
        {
            return problem;
        }

        try
        {
            var move = await router.SwitchAsync(to, request.By!.Trim(), request.Reason?.Trim(), request.Force, cancellationToken);
            return TypedResults.Ok(EdgeStatus.Of(move.State, router.Settings, move.Changed));
        }
        catch (EdgeSwitchRejectedException ex)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    private static async Task<Results<Ok<EdgeStatus>, ProblemHttpResult>> RollbackAsync(EdgeRollbackRequest request, EdgeRouter router, CancellationToken cancellationToken)
    {
        if (Invalid(request.By, request.Reason) is { } problem)
        {
            return problem;
        }

        try
        {
            var move = await router.RollbackAsync(request.By!.Trim(), request.Reason?.Trim(), request.Force, cancellationToken);
            return TypedResults.Ok(EdgeStatus.Of(move.State, router.Settings, move.Changed));
        }
        catch (EdgeSwitchRejectedException ex)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    private static ProblemHttpResult? Invalid(string? by, string? reason)
    {
        if (string.IsNullOrWhiteSpace(by) || by.Any(char.IsControl))
        {
            return Problem(StatusCodes.Status400BadRequest, "by must name who moves the traffic, on one line.");
        }

        return reason is not null && reason.Any(char.IsControl)
            ? Problem(StatusCodes.Status400BadRequest, "reason must be one line of text.")
            : null;
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}

/// <summary>The body of <c>POST /_edge/switch</c>.</summary>
/// <param name="Force">Move even when the side fails its health check.</param>
public sealed record EdgeSwitchRequest(string? To, string? By, string? Reason, bool Force = false);

/// <summary>The body of <c>POST /_edge/rollback</c>.</summary>
public sealed record EdgeRollbackRequest(string? By, string? Reason, bool Force = false);

/// <summary>The edge's state as the admin endpoints return it.</summary>
/// <param name="Changed">Whether the request moved traffic, or null for <c>GET /_edge/state</c>.</param>
/// <param name="IdleRetainedUntil">When the idle side may be retired, which is the last move plus the retention time, or null before the first move.</param>
public sealed record EdgeStatus(
    string Active,
    string Idle,
    Uri ActiveAddress,
    Uri IdleAddress,
    DateTimeOffset? SwitchedAt,
    DateTimeOffset? IdleRetainedUntil,
    bool? Changed,
    IReadOnlyList<EdgeSwitch> Log)
{
    public static EdgeStatus Of(EdgeState state, EdgeSettings settings, bool? changed) => new(
        state.Active.Name(),
        state.Active.Other().Name(),
        settings.AddressOf(state.Active),
        settings.AddressOf(state.Active.Other()),
        state.SwitchedAt,
        state.SwitchedAt + settings.IdleRetention,
        changed,
        state.Log);
}
