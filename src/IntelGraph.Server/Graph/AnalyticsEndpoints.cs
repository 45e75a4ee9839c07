using System.Globalization;
using IntelGraph.Analytics;
using IntelGraph.Analytics.Explanations;
using IntelGraph.Analytics.Graph;
using IntelGraph.Flags.Evaluation;
using IntelGraph.Flags.Model;
using IntelGraph.Server.Access;
using IntelGraph.Server.Flags;
using IntelGraph.Server.Http;
using IntelGraph.Server.Identity;
using IntelGraph.Server.Observability;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IntelGraph.Server.Graph;

/// <summary>
/// Graph analytics over the caller's tenant: one GET endpoint per analysis, parameters in the query string.
/// Explanations and counterfactuals (<c>explain=true</c>, <c>withoutEdge=ID</c>) need the <c>enableXAI</c>
/// flag on for the caller; otherwise the request is rejected with 403 <c>flags.feature_disabled</c>.
/// </summary>
public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapGraphAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/graph/analytics").WithTags("Graph analytics").RequireMatrixAccess().AddEndpointFilter<GraphQueryTimingFilter>();

        Map(group, AnalysisKind.PageRank, "GetPageRank", "Rank entities by PageRank over the directed edges (damping).");
        Map(group, AnalysisKind.Degree, "GetDegreeCentrality", "Rank entities by their number of edges (order: total, in or out).");
        Map(group, AnalysisKind.Betweenness, "GetBetweenness", "Rank entities by betweenness centrality (direction, sample, seed).");
        Map(group, AnalysisKind.Communities, "GetCommunities", "Split the graph into communities with the Louvain method.");
        Map(group, AnalysisKind.Path, "GetShortestPath", "Find a shortest path between two entities (from, to, direction).");
        Map(group, AnalysisKind.KHop, "GetNeighbourhood", "List the entities within depth edges of node (node, depth, direction).");
        Map(group, AnalysisKind.Patterns, "GetPatterns", "Find shared techniques, common targets or triangles (kind, minShared).");

        return group;
    }

    private static void Map(RouteGroupBuilder group, AnalysisKind kind, string name, string summary) =>
        group.MapGet("/" + AnalyticsRunner.NameOf(kind), (
                [AsParameters] AnalyticsQuery query,
                Caller caller,
                HttpContext httpContext,
                RequestStores requestStores,
                FlagsRuntime flags,
                CancellationToken cancellationToken) => RunAsync(kind, query, caller, httpContext, requestStores, flags, cancellationToken))
            .WithName(name)
            .WithSummary(summary);

    internal static async Task<Results<Ok<AnalyticsResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        AnalysisKind kind,
        AnalyticsQuery query,
        Caller caller,
        HttpContext httpContext,
        RequestStores requestStores,
        FlagsRuntime flags,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = query.ToRequest(kind, errors);
        if (request is null)
        {
            return errors.ToProblem();
        }

        if ((request.Explain || request.WithoutEdge is not null) && !await IsXaiEnabledAsync(flags, caller, httpContext, cancellationToken))
        {
            return Problems.Forbidden(
                ErrorCodes.FeatureDisabled,
                $"Explanations and counterfactuals (explain, withoutEdge) need the feature flag '{FlagNames.EnableXai}' on for tenant '{caller.Tenant}' and this caller. Ask an administrator to turn it on, or leave those parameters out.");
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var graph = await AnalyticsGraphLoader.LoadAsync(stores.Graph, caller.Tenant, cancellationToken);
        try
        {
            var response = await AnalyticsRunner.RunAsync(
                new GraphAnalytics(graph), new EdgeEvidenceReader(stores.Ledger, stores.Manifests), caller.Tenant, request, cancellationToken);
            return TypedResults.Ok(response);
        }
        catch (AnalyticsInputException ex) when (ex.NotFound)
        {
            var code = ex.Field == "withoutEdge" ? ErrorCodes.EdgeNotFound : ErrorCodes.EntityNotFound;
            return Problems.NotFound(code, ex.Message);
        }
        catch (AnalyticsInputException ex)
        {
            return Problems.InvalidField(ex.Field, ex.Message);
        }
    }

    /// <summary>Evaluates <c>enableXAI</c> for the token's tenant, subject and groups; a server without a flags file has it off.</summary>
    private static async Task<bool> IsXaiEnabledAsync(FlagsRuntime flags, Caller caller, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (flags.Current is not { } snapshot)
        {
            return false;
        }

        var groups = httpContext.User.FindAll(TokenClaims.Groups).Select(claim => claim.Value).ToList();
        var values = await snapshot.Evaluator.EvaluateAsync(new FlagCaller(caller.Tenant.Value, caller.Subject, groups), cancellationToken);
        return values.Any(pair => pair.Key == FlagNames.EnableXai && pair.Value);
    }
}

/// <summary>
/// The query parameters of the analytics endpoints, bound as text so that each bad value is reported by
/// name instead of failing the binding. Each analysis reads only the parameters it needs.
/// </summary>
public sealed record AnalyticsQuery(
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "node")] string? Node,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "depth")] string? Depth,
    [FromQuery(Name = "direction")] string? Direction,
    [FromQuery(Name = "sample")] string? Sample,
    [FromQuery(Name = "seed")] string? Seed,
    [FromQuery(Name = "damping")] string? Damping,
    [FromQuery(Name = "order")] string? Order,
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "minShared")] string? MinShared,
    [FromQuery(Name = "explain")] string? Explain,
    [FromQuery(Name = "withoutEdge")] string? WithoutEdge)
{
    /// <summary>Parses every parameter, adding an error per invalid one; returns null when any is invalid.</summary>
    internal AnalyticsRequest? ToRequest(AnalysisKind analysis, FieldErrors errors)
    {
        var request = new AnalyticsRequest(analysis)
        {
            Limit = Whole(errors, "limit", Limit, 1, AnalyticsRequest.MaxLimit) ?? AnalyticsRequest.DefaultLimit,
            Node = Node,
            From = From,
            To = To,
            Depth = Whole(errors, "depth", Depth, 1, Analytics.Algorithms.KHopNeighbourhood.MaxDepth) ?? AnalyticsRequest.DefaultDepth,
            Direction = Choice(errors, "direction", Direction, ["any", "out"]) == "out" ? EdgeDirection.Outgoing : EdgeDirection.Any,
            Sample = Whole(errors, "sample", Sample, 1, int.MaxValue),
            Seed = Whole(errors, "seed", Seed, 0, int.MaxValue) ?? Analytics.Algorithms.BetweennessCentrality.DefaultSeed,
            Damping = Fraction(errors, "damping", Damping) ?? Analytics.Algorithms.PageRank.DefaultDamping,
            Order = Choice(errors, "order", Order, ["total", "in", "out"]) switch
            {
                "in" => DegreeOrder.In,
                "out" => DegreeOrder.Out,
                _ => DegreeOrder.Total,
            },
            Pattern = Choice(errors, "kind", Kind, ["shared-techniques", "common-targets", "triangles"]) switch
            {
                "common-targets" => PatternKind.CommonTargets,
                "triangles" => PatternKind.Triangles,
                _ => PatternKind.SharedTechniques,
            },
            MinShared = Whole(errors, "minShared", MinShared, 1, int.MaxValue) ?? 1,
            Explain = Choice(errors, "explain", Explain, ["false", "true"]) == "true",
            WithoutEdge = WithoutEdge,
        };

        return errors.IsEmpty ? request : null;
    }

    private static int? Whole(FieldErrors errors, string field, string? value, int minimum, int maximum)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
        {
            errors.Add(field, $"{field} must be an integer from {minimum} to {maximum}.");
            return null;
        }

        return number;
    }

    private static double? Fraction(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number >= 1)
        {
            errors.Add(field, $"{field} must be a number from 0 up to, but not including, 1, such as 0.85.");
            return null;
        }

        return number;
    }

    private static string? Choice(FieldErrors errors, string field, string? value, string[] allowed)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        errors.Add(field, $"{field} must be one of {string.Join(", ", allowed)}.");
        return null;
    }
}
