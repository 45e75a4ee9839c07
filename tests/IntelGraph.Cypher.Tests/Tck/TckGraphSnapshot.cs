using IntelGraph.Cypher.Graph;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>
/// The state of a graph as the TCK counts side effects: node ids, relationship ids, the set of label names
/// in use, and one entry per (element, key, value) property. Side effects are the differences between
/// the snapshots taken before and after the query.
/// </summary>
internal sealed record TckGraphSnapshot(HashSet<long> Nodes, HashSet<long> Relationships, HashSet<string> Labels, HashSet<string> Properties)
{
    public static TckGraphSnapshot Take(IPropertyGraph graph)
    {
        var nodes = graph.ScanNodes(null).ToList();
        var relationships = graph.ScanRelationships().ToList();
        var properties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var (key, value) in node.Properties)
            {
                properties.Add($"n{node.Id}.{key}={TckCanonical.Render(value, sortLists: false)}");
            }
        }

        foreach (var relationship in relationships)
        {
            foreach (var (key, value) in relationship.Properties)
            {
                properties.Add($"r{relationship.Id}.{key}={TckCanonical.Render(value, sortLists: false)}");
            }
        }

        return new TckGraphSnapshot(
            nodes.Select(node => node.Id).ToHashSet(),
            relationships.Select(relationship => relationship.Id).ToHashSet(),
            nodes.SelectMany(node => node.Labels).ToHashSet(StringComparer.Ordinal),
            properties);
    }

    /// <summary>Counts the changes from this snapshot to <paramref name="after"/>, keyed as the TCK tables name them.</summary>
    public Dictionary<string, int> SideEffectsUntil(TckGraphSnapshot after) => new(StringComparer.Ordinal)
    {
        ["+nodes"] = after.Nodes.Except(Nodes).Count(),
        ["-nodes"] = Nodes.Except(after.Nodes).Count(),
        ["+relationships"] = after.Relationships.Except(Relationships).Count(),
        ["-relationships"] = Relationships.Except(after.Relationships).Count(),
        ["+labels"] = after.Labels.Except(Labels).Count(),
        ["-labels"] = Labels.Except(after.Labels).Count(),
        ["+properties"] = after.Properties.Except(Properties).Count(),
        ["-properties"] = Properties.Except(after.Properties).Count(),
    };
}
