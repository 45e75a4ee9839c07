using IntelGraph.Analytics.Graph;
using QuikGraph;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Algorithms.Search;

namespace IntelGraph.Analytics.Algorithms;

/// <summary>Finds a path with the fewest edges between two nodes, using QuikGraph's breadth-first search.</summary>
public static class ShortestPath
{
    /// <summary>
    /// Returns a shortest path from <paramref name="from"/> to <paramref name="to"/>, or a result with
    /// <see cref="PathResult.Found"/> false. Among paths of equal length the one found first wins, and
    /// nodes are explored in edge number order, so the result is the same on every run.
    /// </summary>
    public static PathResult Find(AnalyticsGraph graph, int from, int to, EdgeDirection direction)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);

        if (from == to)
        {
            return new PathResult(true, [from], []);
        }

        // QuikGraph walks a view of the compact graph instead of a copy: a node's out-edges are its incident
        // edges in the chosen direction, each turned to point away from it and tagged with its edge number.
        var view = new DelegateVertexAndEdgeListGraph<int, STaggedEdge<int, int>>(
            Enumerable.Range(0, graph.NodeCount),
            (int node, out IEnumerable<STaggedEdge<int, int>> edges) =>
            {
                edges = StepsFrom(graph, node, direction);
                return node >= 0 && node < graph.NodeCount;
            });

        var search = new BreadthFirstSearchAlgorithm<int, STaggedEdge<int, int>>(view);
        var predecessors = new VertexPredecessorRecorderObserver<int, STaggedEdge<int, int>>();
        search.DiscoverVertex += node =>
        {
            if (node == to)
            {
                search.Abort();
            }
        };

        using (predecessors.Attach(search))
        {
            search.Compute(from);
        }

        if (!predecessors.TryGetPath(to, out var steps))
        {
            return new PathResult(false, [], []);
        }

        var edges = steps.Select(step => step.Tag).ToList();
        var nodes = new List<int> { from };
        nodes.AddRange(steps.Select(step => step.Target));
        return new PathResult(true, nodes, edges);
    }

    private static List<STaggedEdge<int, int>> StepsFrom(AnalyticsGraph graph, int node, EdgeDirection direction)
    {
        var incident = graph.Incident(node, direction);
        var steps = new List<STaggedEdge<int, int>>(incident.Count);
        for (var i = 0; i < incident.Count; i++)
        {
            steps.Add(new STaggedEdge<int, int>(node, graph.OtherEnd(incident[i], node), incident[i]));
        }

        return steps;
    }
}

/// <param name="Nodes">The nodes from start to end, by node number.</param>
/// <param name="Edges">The edges walked, by edge number; edge i joins node i and node i + 1.</param>
public sealed record PathResult(bool Found, IReadOnlyList<int> Nodes, IReadOnlyList<int> Edges)
{
    public int Hops => Edges.Count;
}
