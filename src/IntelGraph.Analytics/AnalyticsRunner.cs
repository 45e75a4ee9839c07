using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Explanations;
using IntelGraph.Analytics.Graph;
using IntelGraph.Analytics.Reports;
using IntelGraph.Core;

namespace IntelGraph.Analytics;

/// <summary>Validates an <see cref="AnalyticsRequest"/>, runs it, and adds the explanation and counterfactual that the request names.</summary>
public static class AnalyticsRunner
{
    /// <exception cref="AnalyticsInputException">A parameter is out of range, missing, or names an entity or edge the graph does not have.</exception>
    public static async Task<AnalyticsResponse> RunAsync(
        GraphAnalytics analytics, EdgeEvidenceReader evidence, TenantId tenant, AnalyticsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(request);

        Validate(request);
        var explainer = new AnalyticsExplainer(analytics, evidence);
        return request.Kind switch
        {
            AnalysisKind.PageRank => RunRanking(analytics, explainer, request),
            AnalysisKind.Degree => RunRanking(analytics, explainer, request),
            AnalysisKind.Betweenness => RunRanking(analytics, explainer, request),
            AnalysisKind.Communities => RunCommunities(analytics, explainer, request),
            AnalysisKind.Path => await RunPathAsync(analytics, explainer, tenant, request, cancellationToken).ConfigureAwait(false),
            AnalysisKind.KHop => await RunNeighbourhoodAsync(analytics, explainer, tenant, request, cancellationToken).ConfigureAwait(false),
            _ => await RunPatternsAsync(analytics, explainer, tenant, request, cancellationToken).ConfigureAwait(false),
        };
    }

    public static string NameOf(AnalysisKind kind) => kind == AnalysisKind.KHop ? "khop" : kind.ToString().ToLowerInvariant();

    private static void Validate(AnalyticsRequest request)
    {
        if (request.Limit is < 1 or > AnalyticsRequest.MaxLimit)
        {
            throw new AnalyticsInputException("limit", $"Invalid limit {request.Limit}: expected a whole number from 1 to {AnalyticsRequest.MaxLimit}.");
        }

        if (request.Depth is < 1 or > KHopNeighbourhood.MaxDepth)
        {
            throw new AnalyticsInputException("depth", $"Invalid depth {request.Depth}: expected a whole number from 1 to {KHopNeighbourhood.MaxDepth}.");
        }

        if (request.Damping is < 0 or >= 1 || double.IsNaN(request.Damping))
        {
            throw new AnalyticsInputException("damping", $"Invalid damping {request.Damping}: expected a number from 0 up to, but not including, 1.");
        }

        if (request.Sample is < 1)
        {
            throw new AnalyticsInputException("sample", $"Invalid sample {request.Sample}: expected a whole number of source nodes from 1.");
        }

        if (request.MinShared < 1)
        {
            throw new AnalyticsInputException("minShared", $"Invalid minShared {request.MinShared}: expected a whole number from 1.");
        }

        if (request.Kind == AnalysisKind.Path && (string.IsNullOrEmpty(request.From) || string.IsNullOrEmpty(request.To)))
        {
            throw new AnalyticsInputException(string.IsNullOrEmpty(request.From) ? "from" : "to", "A path needs both ends: give the entity ids of from and to.");
        }

        if (request.Kind == AnalysisKind.KHop && string.IsNullOrEmpty(request.Node))
        {
            throw new AnalyticsInputException("node", "A k-hop neighbourhood needs a start: give the entity id of node.");
        }
    }

    private static AnalyticsResponse RunRanking(GraphAnalytics analytics, AnalyticsExplainer explainer, AnalyticsRequest request)
    {
        object result = request.Kind switch
        {
            AnalysisKind.PageRank => analytics.PageRank(request.Limit, request.Damping),
            AnalysisKind.Degree => analytics.Degree(request.Limit, request.Order),
            _ => analytics.Betweenness(request.Limit, request.Direction, request.Sample, request.Seed),
        };

        object? explanation = null;
        if (request.Explain)
        {
            // Without a node, the explanation is of the top-ranked one.
            var node = request.Node ?? TopNode(result);
            explanation = node is null ? null : request.Kind switch
            {
                AnalysisKind.PageRank => explainer.ExplainPageRank(node, AnalyticsRequest.DefaultExplainTop),
                AnalysisKind.Degree => explainer.ExplainDegree(node, AnalyticsRequest.DefaultExplainTop),
                _ => explainer.ExplainBetweenness(node, AnalyticsRequest.DefaultExplainTop, request.Direction, request.Sample, request.Seed),
            };
        }

        object? counterfactual = null;
        if (request.WithoutEdge is { } edgeId)
        {
            Func<AnalyticsGraph, double[]> score = request.Kind switch
            {
                AnalysisKind.PageRank => graph => PageRank.Compute(graph, request.Damping).Scores,
                AnalysisKind.Degree => graph => DegreeScores(graph, request.Order),
                _ => graph => BetweennessCentrality.Compute(graph, request.Direction, analytics.EffectiveSample(request.Sample), request.Seed).Scores,
            };
            counterfactual = Counterfactuals.Scores(analytics, edgeId, score, request.Limit);
        }

        return new AnalyticsResponse(NameOf(request.Kind), result, explanation, counterfactual);
    }

    private static AnalyticsResponse RunCommunities(GraphAnalytics analytics, AnalyticsExplainer explainer, AnalyticsRequest request)
    {
        var result = analytics.Communities(request.Limit);
        var node = request.Node ?? result.Communities.FirstOrDefault()?.Members.FirstOrDefault()?.Id;
        object? explanation = request.Explain && node is not null ? explainer.ExplainCommunity(node, AnalyticsRequest.DefaultExplainTop) : null;
        object? counterfactual = request.WithoutEdge is { } edgeId ? Counterfactuals.Communities(analytics, edgeId) : null;
        return new AnalyticsResponse(NameOf(request.Kind), result, explanation, counterfactual);
    }

    private static async Task<AnalyticsResponse> RunPathAsync(
        GraphAnalytics analytics, AnalyticsExplainer explainer, TenantId tenant, AnalyticsRequest request, CancellationToken cancellationToken)
    {
        var result = analytics.Path(request.From!, request.To!, request.Direction);
        object? explanation = request.Explain
            ? await explainer.ExplainEdgesAsync(tenant, result.Steps.Select(step => step.Edge), cancellationToken).ConfigureAwait(false)
            : null;
        object? counterfactual = request.WithoutEdge is { } edgeId ? Counterfactuals.Path(analytics, edgeId, request.From!, request.To!, request.Direction) : null;
        return new AnalyticsResponse(NameOf(request.Kind), result, explanation, counterfactual);
    }

    private static async Task<AnalyticsResponse> RunNeighbourhoodAsync(
        GraphAnalytics analytics, AnalyticsExplainer explainer, TenantId tenant, AnalyticsRequest request, CancellationToken cancellationToken)
    {
        var result = analytics.Neighbourhood(request.Node!, request.Depth, request.Direction, request.Limit);
        object? explanation = request.Explain
            ? await explainer.ExplainEdgesAsync(tenant, result.Nodes.Where(node => node.Via is not null).Select(node => node.Via!), cancellationToken).ConfigureAwait(false)
            : null;
        object? counterfactual = request.WithoutEdge is { } edgeId
            ? Counterfactuals.Neighbourhood(analytics, edgeId, request.Node!, request.Depth, request.Direction, request.Limit)
            : null;
        return new AnalyticsResponse(NameOf(request.Kind), result, explanation, counterfactual);
    }

    private static async Task<AnalyticsResponse> RunPatternsAsync(
        GraphAnalytics analytics, AnalyticsExplainer explainer, TenantId tenant, AnalyticsRequest request, CancellationToken cancellationToken)
    {
        var result = analytics.Patterns(request.Pattern, request.Limit, request.MinShared);
        object? explanation = null;
        if (request.Explain)
        {
            var edges = result.Pairs
                .SelectMany(pair => pair.Shared.SelectMany(item => item.FirstEdges.Concat(item.SecondEdges)))
                .Concat(result.Triangles.SelectMany(triangle => triangle.Edges));
            explanation = await explainer.ExplainEdgesAsync(tenant, edges, cancellationToken).ConfigureAwait(false);
        }

        object? counterfactual = request.WithoutEdge is { } edgeId
            ? Counterfactuals.Patterns(analytics, edgeId, request.Pattern, request.Limit, request.MinShared)
            : null;
        return new AnalyticsResponse(GraphAnalytics.PatternName(request.Pattern), result, explanation, counterfactual);
    }

    private static string? TopNode(object result) => result switch
    {
        RankingReport ranking => ranking.Items.FirstOrDefault()?.Node.Id,
        DegreeReport degree => degree.Items.FirstOrDefault()?.Node.Id,
        _ => null,
    };

    private static double[] DegreeScores(AnalyticsGraph graph, DegreeOrder order)
    {
        var degrees = DegreeCentrality.Compute(graph);
        return [.. Enumerable.Range(0, graph.NodeCount).Select(node => (double)(order switch
        {
            DegreeOrder.In => degrees.In[node],
            DegreeOrder.Out => degrees.Out[node],
            _ => degrees.Total(node),
        }))];
    }
}
