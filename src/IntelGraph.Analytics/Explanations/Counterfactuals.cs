using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;
using IntelGraph.Analytics.Patterns;
using IntelGraph.Analytics.Reports;

namespace IntelGraph.Analytics.Explanations;

/// <summary>
/// Recomputes an analysis on the graph without one edge and reports what changed. The node numbers of the
/// two graphs are the same, so results can be compared node by node.
/// </summary>
public static class Counterfactuals
{
    /// <summary>Compares one score for every node and returns the <paramref name="top"/> largest changes.</summary>
    public static ScoreCounterfactual Scores(GraphAnalytics analytics, string edgeId, Func<AnalyticsGraph, double[]> score, int top)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(score);

        var (removed, without) = Remove(analytics, edgeId);
        var before = score(analytics.Graph);
        var after = score(without.Graph);
        var positionsBefore = Positions(analytics.Graph, before);
        var positionsAfter = Positions(analytics.Graph, after);

        var changes = Enumerable.Range(0, before.Length)
            .Where(node => before[node] != after[node] || positionsBefore[node] != positionsAfter[node])
            .OrderByDescending(node => Math.Abs(after[node] - before[node]))
            .ThenBy(analytics.Graph.NodeId, StringComparer.Ordinal)
            .Take(top)
            .Select(node => new ScoreChange(analytics.Graph.Node(node), before[node], after[node], positionsBefore[node], positionsAfter[node]))
            .ToList();
        return new ScoreCounterfactual(removed, changes);
    }

    public static PathCounterfactual Path(GraphAnalytics analytics, string edgeId, string fromId, string toId, EdgeDirection direction)
    {
        ArgumentNullException.ThrowIfNull(analytics);

        var (removed, without) = Remove(analytics, edgeId);
        return new PathCounterfactual(removed, analytics.Path(fromId, toId, direction), without.Path(fromId, toId, direction));
    }

    public static NeighbourhoodCounterfactual Neighbourhood(GraphAnalytics analytics, string edgeId, string startId, int depth, EdgeDirection direction, int limit)
    {
        ArgumentNullException.ThrowIfNull(analytics);

        var (removed, without) = Remove(analytics, edgeId);
        var before = analytics.Neighbourhood(startId, depth, direction, limit).Nodes.ToDictionary(node => node.Node.Id, StringComparer.Ordinal);
        var after = without.Neighbourhood(startId, depth, direction, limit).Nodes.ToDictionary(node => node.Node.Id, StringComparer.Ordinal);

        var lost = before.Values.Where(node => !after.ContainsKey(node.Node.Id)).Select(node => node.Node).ToList();
        var gained = after.Values.Where(node => !before.ContainsKey(node.Node.Id)).Select(node => node.Node).ToList();
        var moved = before.Values
            .Where(node => after.TryGetValue(node.Node.Id, out var later) && later.Distance != node.Distance)
            .Select(node => new DistanceChange(node.Node, node.Distance, after[node.Node.Id].Distance))
            .ToList();
        return new NeighbourhoodCounterfactual(removed, lost, gained, moved);
    }

    public static CommunityCounterfactual Communities(GraphAnalytics analytics, string edgeId)
    {
        ArgumentNullException.ThrowIfNull(analytics);

        var (removed, without) = Remove(analytics, edgeId);
        var before = CommunityDetection.Compute(analytics.Graph);
        var after = CommunityDetection.Compute(without.Graph);

        // Community numbers depend on sizes, so each community is named by its lowest node number before comparing.
        var canonicalBefore = Canonical(before.Communities);
        var canonicalAfter = Canonical(after.Communities);
        var moved = Enumerable.Range(0, canonicalBefore.Length).Count(node => canonicalBefore[node] != canonicalAfter[node]);

        analytics.Graph.TryGetNode(removed.Source, out var source);
        analytics.Graph.TryGetNode(removed.Target, out var target);
        return new CommunityCounterfactual(
            removed,
            before.Count,
            after.Count,
            before.Modularity,
            after.Modularity,
            before.Communities[source] == before.Communities[target],
            after.Communities[source] == after.Communities[target],
            moved);
    }

    public static PatternCounterfactual Patterns(GraphAnalytics analytics, string edgeId, PatternKind kind, int limit, int minShared)
    {
        ArgumentNullException.ThrowIfNull(analytics);

        var (removed, without) = Remove(analytics, edgeId);
        if (kind == PatternKind.Triangles)
        {
            var trianglesBefore = Triangles.Find(analytics.Graph, 0).Count;
            var trianglesAfter = Triangles.Find(without.Graph, 0).Count;
            return new PatternCounterfactual(removed, trianglesBefore, trianglesAfter, []);
        }

        // Every matching pair is compared, not only those within the limit, so a pair that drops out of the top is seen too.
        var before = Pairs(analytics, kind, minShared);
        var after = Pairs(without, kind, minShared);
        var changes = before.Keys.Union(after.Keys)
            .Select(key => (Key: key, Before: before.GetValueOrDefault(key), After: after.GetValueOrDefault(key)))
            .Where(change => change.Before?.SharedCount != change.After?.SharedCount)
            .Select(change => new PairChange(
                (change.Before ?? change.After)!.First,
                (change.Before ?? change.After)!.Second,
                change.Before?.SharedCount ?? 0,
                change.After?.SharedCount ?? 0))
            .OrderBy(change => change.First.Id, StringComparer.Ordinal)
            .ThenBy(change => change.Second.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        return new PatternCounterfactual(removed, before.Count, after.Count, changes);
    }

    private static Dictionary<(string, string), OverlapReport> Pairs(GraphAnalytics analytics, PatternKind kind, int minShared) =>
        analytics.Patterns(kind, int.MaxValue, minShared).Pairs.ToDictionary(pair => (pair.First.Id, pair.Second.Id));

    private static (EdgeRef Removed, GraphAnalytics Without) Remove(GraphAnalytics analytics, string edgeId)
    {
        var without = analytics.WithoutEdge(edgeId);
        return (analytics.Graph.Edge(analytics.Graph.FindEdge(edgeId)), without);
    }

    private static int[] Positions(AnalyticsGraph graph, double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length)
            .OrderByDescending(node => scores[node])
            .ThenBy(graph.NodeId, StringComparer.Ordinal)
            .ToArray();
        var positions = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            positions[order[i]] = i + 1;
        }

        return positions;
    }

    private static int[] Canonical(int[] communities)
    {
        var lowest = new Dictionary<int, int>();
        var canonical = new int[communities.Length];
        for (var node = 0; node < communities.Length; node++)
        {
            lowest.TryAdd(communities[node], node);
            canonical[node] = lowest[communities[node]];
        }

        return canonical;
    }
}

/// <param name="PositionBefore">The node's 1-based place in the ranking before the edge was removed.</param>
public sealed record ScoreChange(NodeRef Node, double Before, double After, int PositionBefore, int PositionAfter);

/// <param name="Changes">The nodes whose score or place changed, largest change first.</param>
public sealed record ScoreCounterfactual(EdgeRef RemovedEdge, IReadOnlyList<ScoreChange> Changes);

public sealed record PathCounterfactual(EdgeRef RemovedEdge, PathReport Before, PathReport After);

public sealed record DistanceChange(NodeRef Node, int Before, int After);

public sealed record NeighbourhoodCounterfactual(EdgeRef RemovedEdge, IReadOnlyList<NodeRef> Lost, IReadOnlyList<NodeRef> Gained, IReadOnlyList<DistanceChange> Moved);

/// <param name="EndpointsTogetherBefore">Whether the removed edge's two ends were in one community before the removal.</param>
/// <param name="NodesMoved">Nodes whose community, named by its lowest node, is different after the removal.</param>
public sealed record CommunityCounterfactual(
    EdgeRef RemovedEdge,
    int CountBefore,
    int CountAfter,
    double ModularityBefore,
    double ModularityAfter,
    bool EndpointsTogetherBefore,
    bool EndpointsTogetherAfter,
    int NodesMoved);

/// <summary>A pair whose number of shared items changed; 0 means the pair no longer matches, or did not before.</summary>
public sealed record PairChange(NodeRef First, NodeRef Second, int Before, int After);

/// <param name="TotalBefore">All matches before the removal.</param>
public sealed record PatternCounterfactual(EdgeRef RemovedEdge, long TotalBefore, long TotalAfter, IReadOnlyList<PairChange> Changes);
