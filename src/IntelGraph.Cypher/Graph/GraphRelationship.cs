using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Graph;

/// <summary>A directed, typed relationship from <see cref="StartId"/> to <see cref="EndId"/> with a property map.</summary>
public sealed class GraphRelationship(long id, string type, long startId, long endId, IDictionary<string, CypherValue> properties)
{
    public long Id { get; } = id;

    public string Type { get; } = type;

    public long StartId { get; } = startId;

    public long EndId { get; } = endId;

    public IDictionary<string, CypherValue> Properties { get; } = new Dictionary<string, CypherValue>(properties, StringComparer.Ordinal);

    /// <summary>True once the relationship was deleted; reading it after that raises an error.</summary>
    public bool IsDeleted { get; set; }
}
