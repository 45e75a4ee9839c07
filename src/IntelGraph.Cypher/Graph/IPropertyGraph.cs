using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Graph;

/// <summary>The direction of a relationship as seen from the node a traversal starts at.</summary>
public enum TraversalDirection
{
    Outgoing,
    Incoming,
    Both,
}

/// <summary>
/// The storage a query runs against. It is deliberately small so that a SQLite or PostgreSQL store can
/// implement it: scans, one-step expansion and the element writes that CREATE, SET, REMOVE and DELETE need.
/// A tenant graph maps each entity to a node (its type as the label, its fields as properties) and each
/// edge to a relationship (its type as the relationship type).
/// The write methods must also update the <see cref="GraphNode"/> or <see cref="GraphRelationship"/> they
/// are given (and set IsDeleted on delete), because later clauses of the same query read those objects.
/// </summary>
public interface IPropertyGraph
{
    /// <summary>Returns all live nodes, or only those that carry <paramref name="label"/> when it is not null.</summary>
    IEnumerable<GraphNode> ScanNodes(string? label);

    /// <summary>Returns the live relationships attached to a node in a direction, optionally restricted to some types.</summary>
    IEnumerable<GraphRelationship> Expand(long nodeId, TraversalDirection direction, IReadOnlyCollection<string>? types);

    /// <summary>Returns all live relationships.</summary>
    IEnumerable<GraphRelationship> ScanRelationships();

    GraphNode? FindNode(long id);

    /// <summary>
    /// Returns the live nodes whose property <paramref name="key"/> equals <paramref name="value"/> when the graph
    /// keeps an index on that key, or null when it does not, in which case the caller scans.
    /// </summary>
    IEnumerable<GraphNode>? FindNodesByProperty(string key, CypherValue value) => null;

    GraphNode CreateNode(IEnumerable<string> labels, IReadOnlyDictionary<string, CypherValue> properties);

    GraphRelationship CreateRelationship(string type, long startId, long endId, IReadOnlyDictionary<string, CypherValue> properties);

    /// <summary>Sets a property. A null value removes it.</summary>
    void SetNodeProperty(GraphNode node, string key, CypherValue value);

    /// <summary>Sets a property. A null value removes it.</summary>
    void SetRelationshipProperty(GraphRelationship relationship, string key, CypherValue value);

    /// <summary>Adds a label and returns false when the node already had it.</summary>
    bool AddLabel(GraphNode node, string label);

    /// <summary>Removes a label and returns false when the node did not have it.</summary>
    bool RemoveLabel(GraphNode node, string label);

    /// <summary>Deletes a node that has no relationships left.</summary>
    void DeleteNode(GraphNode node);

    void DeleteRelationship(GraphRelationship relationship);
}
