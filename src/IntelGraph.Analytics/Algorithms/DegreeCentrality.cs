using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Algorithms;

/// <summary>Counts each node's incoming, outgoing and total edges.</summary>
public static class DegreeCentrality
{
    public static DegreeResult Compute(AnalyticsGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var inDegrees = new int[graph.NodeCount];
        var outDegrees = new int[graph.NodeCount];
        for (var node = 0; node < graph.NodeCount; node++)
        {
            inDegrees[node] = graph.InDegree(node);
            outDegrees[node] = graph.OutDegree(node);
        }

        return new DegreeResult(inDegrees, outDegrees);
    }
}

/// <summary>The degrees of each node, by node number. A self-loop counts once in each direction.</summary>
public sealed record DegreeResult(int[] In, int[] Out)
{
    public int Total(int node) => In[node] + Out[node];

    /// <summary>Returns the total degree divided by twice the largest possible number of other nodes, 2(n - 1), or 0 for a graph of one node.</summary>
    public double Normalized(int node) => In.Length <= 1 ? 0 : Total(node) / (2.0 * (In.Length - 1));
}
