using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Bench.Graph;

/// <summary>
/// Writes a graph as two CSV files that a reference engine can bulk-load: <c>nodes.csv</c> with each node's
/// <c>id</c>, and <c>edges.csv</c> with source id, target id and type. Entity ids and edge types contain no
/// commas, quotes or line breaks, so no field needs quoting.
/// </summary>
internal static class GraphFiles
{
    public static async Task WriteAsync(InMemoryPropertyGraph graph, string folder)
    {
        var ids = new Dictionary<long, string>();
        await using (var nodes = new StreamWriter(Path.Combine(folder, "nodes.csv")))
        {
            await nodes.WriteLineAsync("id");
            foreach (var node in graph.ScanNodes(null))
            {
                var id = ((StringValue)node.Properties["id"]).Value;
                ids[node.Id] = id;
                await nodes.WriteLineAsync(id);
            }
        }

        await using var edges = new StreamWriter(Path.Combine(folder, "edges.csv"));
        await edges.WriteLineAsync("source,target,type");
        foreach (var relationship in graph.ScanRelationships())
        {
            await edges.WriteLineAsync($"{ids[relationship.StartId]},{ids[relationship.EndId]},{relationship.Type}");
        }
    }
}
