using IntelGraph.Flags.Evaluation;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Flags;

/// <summary>The caller's own feature flags, evaluated for the token's tenant, subject and groups.</summary>
public static class FlagsEndpoints
{
    public static RouteGroupBuilder MapFlagsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/flags").WithTags("Feature flags").RequireMatrixAccess();

        group.MapGet("", GetFlagsAsync)
            .WithName("GetFlags")
            .WithSummary("Evaluate every feature flag for the caller's tenant, subject and groups.");

        return group;
    }

    internal static async Task<Results<Ok<FlagsResponse>, ProblemHttpResult>> GetFlagsAsync(
        Caller caller,
        HttpContext httpContext,
        FlagsRuntime runtime,
        CancellationToken cancellationToken)
    {
        // One read of the snapshot, so a reload during this request cannot mix two revisions.
        if (runtime.Current is not { } snapshot)
        {
            return Problems.NotFound(ErrorCodes.FlagsNotConfigured, "This server has no flags file. Set IntelGraph:Flags:File (and IntelGraph:Flags:Environment) and restart it.");
        }

        var groups = httpContext.User.FindAll(TokenClaims.Groups).Select(claim => claim.Value).ToList();
        var values = await snapshot.Evaluator.EvaluateAsync(new FlagCaller(caller.Tenant.Value, caller.Subject, groups), cancellationToken);

        return TypedResults.Ok(new FlagsResponse(
            snapshot.Environment,
            snapshot.Revision,
            caller.Tenant.Value,
            caller.Subject,
            groups,
            values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)));
    }
}

/// <summary>The response body of <c>GET /flags</c>.</summary>
/// <param name="Revision">The <c>sha256:</c> digest of the flags file the values come from.</param>
/// <param name="Groups">The token's group claims the evaluation used.</param>
/// <param name="Flags">Every known flag and whether it is on for this caller.</param>
public sealed record FlagsResponse(
    string Environment,
    string Revision,
    string Tenant,
    string Subject,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, bool> Flags);
