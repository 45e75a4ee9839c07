using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Explanations;

/// <summary>Splits one node's score into the neighbours and paths it comes from.</summary>
public static class ScoreExplainer
{
    /// <summary>
    /// Explains a PageRank score. The rank of v is a baseline (the random jump plus the spread rank of nodes
    /// without outgoing edges) plus, for each edge u→v, damping · rank(u) / outdegree(u). A two-step path
    /// w→u→v passes on the part of u's rank that came from w, divided over u's outgoing edges.
    /// </summary>
    public static ScoreExplanation PageRank(AnalyticsGraph graph, int node, int top, double damping = Algorithms.PageRank.DefaultDamping)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var ranks = Algorithms.PageRank.Compute(graph, damping).Scores;
        var dangling = Enumerable.Range(0, graph.NodeCount).Where(other => graph.OutDegree(other) == 0).Sum(other => ranks[other]);
        var baseline = ((1 - damping) + (damping * dangling)) / graph.NodeCount;

        var neighbours = new List<Contribution>();
        var paths = new List<PathContribution>();
        foreach (var edge in graph.InEdges(node))
        {
            var previous = graph.EdgeSource(edge);
            var share = damping * ranks[previous] / graph.OutDegree(previous);
            neighbours.Add(new Contribution(graph.Node(previous), graph.Edge(edge), share));

            foreach (var earlierEdge in graph.InEdges(previous))
            {
                var first = graph.EdgeSource(earlierEdge);
                var passed = damping * damping * ranks[first] / graph.OutDegree(first) / graph.OutDegree(previous);
                paths.Add(new PathContribution([graph.Node(first), graph.Node(previous), graph.Node(node)], [graph.Edge(earlierEdge), graph.Edge(edge)], passed));
            }
        }

        return new ScoreExplanation(
            "pagerank",
            graph.Node(node),
            ranks[node],
            baseline,
            Top(neighbours, top),
            [.. paths.OrderByDescending(path => path.Share).ThenBy(path => path.Edges[0].Id, StringComparer.Ordinal).Take(top)],
            "score = baseline + sum of neighbour shares; each share is damping × rank(neighbour) / outdegree(neighbour) for one incoming edge");
    }

    /// <summary>Explains a degree: each neighbour's share is the number of edges between it and the node.</summary>
    public static ScoreExplanation Degree(AnalyticsGraph graph, int node, int top)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var byNeighbour = new Dictionary<int, (int FirstEdge, int Count)>();
        var incident = graph.Incident(node, EdgeDirection.Any);
        for (var i = 0; i < incident.Count; i++)
        {
            var neighbour = graph.OtherEnd(incident[i], node);
            byNeighbour[neighbour] = byNeighbour.TryGetValue(neighbour, out var known)
                ? (Math.Min(known.FirstEdge, incident[i]), known.Count + 1)
                : (incident[i], 1);
        }

        var neighbours = byNeighbour.Select(pair => new Contribution(graph.Node(pair.Key), graph.Edge(pair.Value.FirstEdge), pair.Value.Count)).ToList();
        return new ScoreExplanation(
            "degree", graph.Node(node), incident.Count, 0, Top(neighbours, top), [], "score = incoming + outgoing edges; each share is the number of edges with that neighbour");
    }

    /// <summary>
    /// Explains a betweenness score by the neighbour that shortest paths through the node continue to. The
    /// shares use the same sources and scaling as the score, so together they add up to it.
    /// </summary>
    public static ScoreExplanation Betweenness(AnalyticsGraph graph, int node, int top, EdgeDirection direction, int? sampleSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var score = BetweennessCentrality.Compute(graph, direction, sampleSize, seed).Scores[node];
        var neighbours = BetweennessCentrality.SharesByNextNeighbour(graph, node, direction, sampleSize, seed)
            .Select(share => new Contribution(graph.Node(share.Neighbour), FirstEdgeBetween(graph, node, share.Neighbour), share.Share))
            .ToList();
        return new ScoreExplanation(
            "betweenness", graph.Node(node), score, 0, Top(neighbours, top), [], "score = sum of neighbour shares; each share counts the shortest paths through the node that continue to that neighbour");
    }

    private static EdgeRef? FirstEdgeBetween(AnalyticsGraph graph, int node, int neighbour)
    {
        var incident = graph.Incident(node, EdgeDirection.Any);
        for (var i = 0; i < incident.Count; i++)
        {
            if (graph.OtherEnd(incident[i], node) == neighbour)
            {
                return graph.Edge(incident[i]);
            }
        }

        return null;
    }

    private static List<Contribution> Top(List<Contribution> contributions, int top) =>
        [.. contributions.OrderByDescending(c => c.Share).ThenBy(c => c.Neighbour.Id, StringComparer.Ordinal).Take(top)];
}

/// <summary>One neighbour's part of a score and an edge that joins it to the node.</summary>
public sealed record Contribution(NodeRef Neighbour, EdgeRef? Edge, double Share);

/// <summary>A path that ends at the node and the part of the score that flows along it.</summary>
public sealed record PathContribution(IReadOnlyList<NodeRef> Nodes, IReadOnlyList<EdgeRef> Edges, double Share);

/// <param name="Baseline">The part of the score that no neighbour gives, such as PageRank's random jump.</param>
/// <param name="Method">How the shares add up to the score.</param>
public sealed record ScoreExplanation(
    string Analysis,
    NodeRef Node,
    double Score,
    double Baseline,
    IReadOnlyList<Contribution> Neighbours,
    IReadOnlyList<PathContribution> Paths,
    string Method);
