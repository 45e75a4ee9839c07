using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Tests;

/// <summary>Hand-made graphs whose expected results can be worked out on paper.</summary>
internal static class SmallGraphs
{
    /// <summary>Builds a graph from "a>b" edges (edge ids e0, e1, … in order); nodes get the type "node" unless typed as "id:type".</summary>
    public static AnalyticsGraph Build(string nodes, params string[] edges)
    {
        var builder = new AnalyticsGraphBuilder();
        foreach (var node in nodes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = node.Split(':');
            builder.AddNode(parts[0], parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : "node");
        }

        for (var i = 0; i < edges.Length; i++)
        {
            var parts = edges[i].Split(' ');
            var ends = parts[0].Split('>');
            builder.AddEdge($"e{i}", ends[0], ends[1], parts.Length > 1 ? parts[1] : "related-to");
        }

        return builder.Build();
    }

    public static int Node(this AnalyticsGraph graph, string id) =>
        graph.TryGetNode(id, out var node) ? node : throw new ArgumentException($"No node '{id}' in the test graph.", nameof(id));

    /// <summary>Two triangles a-b-c and d-e-f joined by the bridge c>d (edge e6).</summary>
    public static AnalyticsGraph TwoTriangles() =>
        Build("a b c d e f", "a>b", "b>c", "c>a", "d>e", "e>f", "f>d", "c>d");
}
