using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;
using IntelGraph.Core;

namespace IntelGraph.Analytics.Explanations;

/// <summary>Explains analytics results: score shares, community membership and the ledger claims behind edges.</summary>
public sealed class AnalyticsExplainer(GraphAnalytics analytics, EdgeEvidenceReader evidence)
{
    /// <summary>Returns each edge, in the given order without repeats, with the claims behind it.</summary>
    public async Task<IReadOnlyList<EdgeExplanation>> ExplainEdgesAsync(TenantId tenant, IEnumerable<EdgeRef> edges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edges);

        var distinct = edges.DistinctBy(edge => edge.Id).ToList();
        var claims = await evidence.ReadAsync(tenant, [.. distinct.Select(edge => edge.Id)], cancellationToken).ConfigureAwait(false);
        return [.. distinct.Select(edge => new EdgeExplanation(edge, claims[edge.Id]))];
    }

    /// <exception cref="AnalyticsInputException">The entity id is not in the graph.</exception>
    public ScoreExplanation ExplainPageRank(string entityId, int top) =>
        ScoreExplainer.PageRank(analytics.Graph, analytics.RequireNode(entityId, "node"), top);

    /// <exception cref="AnalyticsInputException">The entity id is not in the graph.</exception>
    public ScoreExplanation ExplainDegree(string entityId, int top) =>
        ScoreExplainer.Degree(analytics.Graph, analytics.RequireNode(entityId, "node"), top);

    /// <exception cref="AnalyticsInputException">The entity id is not in the graph.</exception>
    public ScoreExplanation ExplainBetweenness(string entityId, int top, EdgeDirection direction, int? sampleSize, int seed) =>
        ScoreExplainer.Betweenness(analytics.Graph, analytics.RequireNode(entityId, "node"), top, direction, analytics.EffectiveSample(sampleSize), seed);

    /// <summary>
    /// Explains a node's community by its neighbours: how many of them, and which, sit in each community.
    /// Louvain keeps a node where its links weigh most against the community's size, so the node's own
    /// community usually has the most neighbours.
    /// </summary>
    /// <exception cref="AnalyticsInputException">The entity id is not in the graph.</exception>
    public CommunityExplanation ExplainCommunity(string entityId, int top)
    {
        var graph = analytics.Graph;
        var node = analytics.RequireNode(entityId, "node");
        var communities = CommunityDetection.Compute(graph).Communities;

        var neighbours = new Dictionary<int, List<int>>();
        var incident = graph.Incident(node, EdgeDirection.Any);
        for (var i = 0; i < incident.Count; i++)
        {
            var neighbour = graph.OtherEnd(incident[i], node);
            if (neighbour == node)
            {
                continue;
            }

            if (!neighbours.TryGetValue(communities[neighbour], out var list))
            {
                neighbours[communities[neighbour]] = list = [];
            }

            list.Add(neighbour);
        }

        var groups = neighbours
            .OrderByDescending(pair => pair.Value.Count)
            .ThenBy(pair => pair.Key)
            .Take(top)
            .Select(pair => new NeighbourCommunity(pair.Key, pair.Value.Count, [.. pair.Value.Distinct().Take(top).Select(graph.Node)]))
            .ToList();
        return new CommunityExplanation(graph.Node(node), communities[node], groups);
    }
}

/// <summary>An edge of a result and the ledger claims that assert it.</summary>
public sealed record EdgeExplanation(EdgeRef Edge, IReadOnlyList<ClaimEvidence> Claims);

/// <summary>A community among a node's neighbours: how many edges lead into it and some of the neighbours there.</summary>
public sealed record NeighbourCommunity(int Community, int Edges, IReadOnlyList<NodeRef> Neighbours);

public sealed record CommunityExplanation(NodeRef Node, int Community, IReadOnlyList<NeighbourCommunity> NeighbourCommunities);
