using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Planning;

/// <summary>
/// Counts every node and relationship a query reads and stops the query once it has read more than it was
/// granted. Writes pass through unchanged; the reads they cause are counted like any other read.
/// </summary>
internal sealed class GuardedPropertyGraph(IPropertyGraph inner, long maxRowsTouched) : IPropertyGraph
{
    public long RowsTouched { get; private set; }

    public IEnumerable<GraphNode> ScanNodes(string? label) => Count(inner.ScanNodes(label));

    public IEnumerable<GraphRelationship> Expand(long nodeId, TraversalDirection direction, IReadOnlyCollection<string>? types) =>
        Count(inner.Expand(nodeId, direction, types));

    public IEnumerable<GraphRelationship> ScanRelationships() => Count(inner.ScanRelationships());

    public IEnumerable<GraphNode>? FindNodesByProperty(string key, CypherValue value) =>
        inner.FindNodesByProperty(key, value) is { } nodes ? Count(nodes) : null;

    // Looking up a node follows a relationship that was already counted, so it is not counted again.
    public GraphNode? FindNode(long id) => inner.FindNode(id);

    public GraphNode CreateNode(IEnumerable<string> labels, IReadOnlyDictionary<string, CypherValue> properties) =>
        inner.CreateNode(labels, properties);

    public GraphRelationship CreateRelationship(string type, long startId, long endId, IReadOnlyDictionary<string, CypherValue> properties) =>
        inner.CreateRelationship(type, startId, endId, properties);

    public void SetNodeProperty(GraphNode node, string key, CypherValue value) => inner.SetNodeProperty(node, key, value);

    public void SetRelationshipProperty(GraphRelationship relationship, string key, CypherValue value) =>
        inner.SetRelationshipProperty(relationship, key, value);

    public bool AddLabel(GraphNode node, string label) => inner.AddLabel(node, label);

    public bool RemoveLabel(GraphNode node, string label) => inner.RemoveLabel(node, label);

    public void DeleteNode(GraphNode node) => inner.DeleteNode(node);

    public void DeleteRelationship(GraphRelationship relationship) => inner.DeleteRelationship(relationship);

    private IEnumerable<T> Count<T>(IEnumerable<T> elements)
    {
        foreach (var element in elements)
        {
            Touch();
            yield return element;
        }
    }

    private void Touch()
    {
        RowsTouched++;
        if (RowsTouched > maxRowsTouched)
        {
            throw new CypherException(
                QueryLimitErrors.Category,
                QueryLimitErrors.RowLimitExceeded,
                CypherErrorPhase.Runtime,
                $"The query was stopped after reading {maxRowsTouched} rows, the most it was granted. Narrow the pattern, add a LIMIT or ask for a larger budget.");
        }
    }
}

/// <summary>The category and details of the errors that stop a query for going past its <see cref="QueryLimits"/>.</summary>
public static class QueryLimitErrors
{
    public const string Category = "QueryLimitError";
    public const string RowLimitExceeded = "RowLimitExceeded";
    public const string TimeLimitExceeded = "TimeLimitExceeded";
}
