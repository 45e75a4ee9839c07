using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Patterns;

/// <summary>
/// Finds triangles: three distinct nodes joined pairwise by at least one edge each, whatever the edges'
/// direction. Each triangle is counted once.
/// </summary>
/// <remarks>
/// Uses the forward algorithm (Schank and Wagner, 2005): nodes are ranked by degree, and each edge is kept
/// only at its lower-ranked end, so a triangle is seen once and the work is O(m^1.5). QuikGraph 2.5.0
/// has no triangle enumeration. Where two nodes have several edges, the lowest-numbered one stands for the pair.
/// </remarks>
public static class Triangles
{
    /// <summary>Counts every triangle and returns the first <paramref name="limit"/> of them in a stable order.</summary>
    public static TriangleResult Find(AnalyticsGraph graph, int limit)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        var n = graph.NodeCount;
        var rank = RankByDegree(graph);
        var forward = new List<(int Node, int Edge)>[n];
        for (var node = 0; node < n; node++)
        {
            var neighbours = new Dictionary<int, int>();
            var incident = graph.Incident(node, EdgeDirection.Any);
            for (var i = 0; i < incident.Count; i++)
            {
                var other = graph.OtherEnd(incident[i], node);
                if (other != node && rank[other] > rank[node] && (!neighbours.TryGetValue(other, out var known) || incident[i] < known))
                {
                    neighbours[other] = incident[i];
                }
            }

            forward[node] = [.. neighbours.Select(pair => (pair.Key, pair.Value)).OrderBy(pair => pair.Key)];
        }

        var mark = new int[n];
        Array.Fill(mark, -1);
        var found = new List<Triangle>();
        long count = 0;
        for (var u = 0; u < n; u++)
        {
            foreach (var (v, edge) in forward[u])
            {
                mark[v] = edge;
            }

            foreach (var (v, uv) in forward[u])
            {
                foreach (var (w, vw) in forward[v])
                {
                    if (mark[w] < 0)
                    {
                        continue;
                    }

                    count++;
                    if (found.Count < limit)
                    {
                        found.Add(new Triangle([u, v, w], [uv, vw, mark[w]]));
                    }
                }
            }

            foreach (var (v, _) in forward[u])
            {
                mark[v] = -1;
            }
        }

        return new TriangleResult(count, found);
    }

    private static int[] RankByDegree(AnalyticsGraph graph)
    {
        var order = Enumerable.Range(0, graph.NodeCount)
            .OrderBy(node => graph.InDegree(node) + graph.OutDegree(node))
            .ThenBy(node => node)
            .ToArray();
        var rank = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }
}

/// <param name="Nodes">The three nodes, by node number.</param>
/// <param name="Edges">One edge for each side: nodes 0–1, 1–2 and 0–2.</param>
public sealed record Triangle(int[] Nodes, int[] Edges);

/// <param name="Count">Every triangle of the graph, even those beyond the limit.</param>
public sealed record TriangleResult(long Count, IReadOnlyList<Triangle> Triangles);
