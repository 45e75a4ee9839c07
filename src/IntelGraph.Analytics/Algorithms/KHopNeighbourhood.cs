using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Algorithms;

/// <summary>The nodes within k edges of a start node, found by a breadth-first search that stops at depth k.</summary>
/// <remarks>
/// Written by hand because QuikGraph's breadth-first search has no depth bound and first colours every
/// node of the graph, which would cost O(n) for a question about a few hundred nodes.
/// </remarks>
public static class KHopNeighbourhood
{
    public const int MaxDepth = 6;

    /// <summary>
    /// Returns the start node and every node at most <paramref name="depth"/> edges away, nearest first, up
    /// to <paramref name="maxNodes"/> nodes. <see cref="KHopResult.Truncated"/> is true when nodes were left out.
    /// </summary>
    public static KHopResult Find(AnalyticsGraph graph, int start, int depth, EdgeDirection direction, int maxNodes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNodes);

        var distance = new Dictionary<int, int> { [start] = 0 };
        var reached = new List<KHopNode> { new(start, 0, -1) };
        var truncated = false;

        for (var head = 0; head < reached.Count; head++)
        {
            var current = reached[head];
            if (current.Distance == depth)
            {
                continue;
            }

            var incident = graph.Incident(current.Node, direction);
            for (var i = 0; i < incident.Count; i++)
            {
                var next = graph.OtherEnd(incident[i], current.Node);
                if (distance.ContainsKey(next))
                {
                    continue;
                }

                if (reached.Count == maxNodes)
                {
                    truncated = true;
                    break;
                }

                distance[next] = current.Distance + 1;
                reached.Add(new KHopNode(next, current.Distance + 1, incident[i]));
            }

            if (truncated)
            {
                break;
            }
        }

        return new KHopResult(reached, truncated);
    }
}

/// <param name="Via">The edge by which the search first reached the node, or -1 for the start node.</param>
public sealed record KHopNode(int Node, int Distance, int Via);

/// <param name="Nodes">The start node first, then the others by distance.</param>
public sealed record KHopResult(IReadOnlyList<KHopNode> Nodes, bool Truncated);
