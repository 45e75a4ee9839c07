using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Graph;

/// <summary>
/// A node of a property graph: an id, a set of labels and a property map. A graph implementation owns the
/// instance and changes it through <see cref="IPropertyGraph"/>, so query code reads it but never writes it.
/// </summary>
public sealed class GraphNode(long id, IEnumerable<string> labels, IDictionary<string, CypherValue> properties)
{
    public long Id { get; } = id;

    public ISet<string> Labels { get; } = new SortedSet<string>(labels, StringComparer.Ordinal);

    public IDictionary<string, CypherValue> Properties { get; } = new Dictionary<string, CypherValue>(properties, StringComparer.Ordinal);

    /// <summary>True once the node was deleted; reading it after that raises an error.</summary>
    public bool IsDeleted { get; set; }
}
