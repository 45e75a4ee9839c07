using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Graph;

/// <summary>
/// A property graph held in memory, for tests and for small graphs. Scans return elements in creation
/// order. It is not thread-safe: a caller that shares one instance between queries must serialise them.
/// String values of the indexed node property keys are indexed, so a pattern such as <c>(n {id: $id})</c>
/// finds its node without a scan.
/// </summary>
public sealed class InMemoryPropertyGraph(IEnumerable<string>? indexedKeys = null) : IPropertyGraph
{
    private readonly Dictionary<string, Dictionary<string, List<GraphNode>>> _indexes =
        (indexedKeys ?? []).Distinct(StringComparer.Ordinal).ToDictionary(key => key, _ => new Dictionary<string, List<GraphNode>>(StringComparer.Ordinal), StringComparer.Ordinal);

    private readonly SortedDictionary<long, GraphNode> _nodes = [];
    private readonly SortedDictionary<long, GraphRelationship> _relationships = [];
    private readonly Dictionary<long, List<GraphRelationship>> _outgoing = [];
    private readonly Dictionary<long, List<GraphRelationship>> _incoming = [];
    private long _nextNodeId;
    private long _nextRelationshipId;

    public int NodeCount => _nodes.Count;

    /// <summary>The node property keys whose string values are indexed.</summary>
    public IReadOnlyCollection<string> IndexedKeys => _indexes.Keys;

    public int RelationshipCount => _relationships.Count;

    public IEnumerable<GraphNode> ScanNodes(string? label) =>
        _nodes.Values.Where(node => label is null || node.Labels.Contains(label)).ToList();

    public IEnumerable<GraphRelationship> ScanRelationships() => _relationships.Values.ToList();

    public IEnumerable<GraphRelationship> Expand(long nodeId, TraversalDirection direction, IReadOnlyCollection<string>? types)
    {
        var result = new List<GraphRelationship>();
        if (direction is TraversalDirection.Outgoing or TraversalDirection.Both && _outgoing.TryGetValue(nodeId, out var outgoing))
        {
            result.AddRange(outgoing);
        }

        if (direction is TraversalDirection.Incoming or TraversalDirection.Both && _incoming.TryGetValue(nodeId, out var incoming))
        {
            // A self-loop is already in the outgoing list, and listing it twice would match it twice for an undirected step.
            result.AddRange(direction == TraversalDirection.Both ? incoming.Where(r => r.StartId != r.EndId) : incoming);
        }

        return types is null || types.Count == 0 ? result : result.Where(r => types.Contains(r.Type)).ToList();
    }

    public GraphNode? FindNode(long id) => _nodes.GetValueOrDefault(id);

    public IEnumerable<GraphNode>? FindNodesByProperty(string key, CypherValue value)
    {
        // Only string values are indexed, so a lookup of another type falls back to a scan.
        if (!_indexes.TryGetValue(key, out var index) || value is not StringValue text)
        {
            return null;
        }

        return index.TryGetValue(text.Value, out var nodes) ? [.. nodes] : [];
    }

    public GraphNode CreateNode(IEnumerable<string> labels, IReadOnlyDictionary<string, CypherValue> properties)
    {
        var node = new GraphNode(_nextNodeId++, labels, properties.Where(p => !p.Value.IsNull).ToDictionary());
        _nodes.Add(node.Id, node);
        foreach (var (key, value) in node.Properties)
        {
            AddToIndex(node, key, value);
        }

        return node;
    }

    public GraphRelationship CreateRelationship(string type, long startId, long endId, IReadOnlyDictionary<string, CypherValue> properties)
    {
        var relationship = new GraphRelationship(_nextRelationshipId++, type, startId, endId, properties.Where(p => !p.Value.IsNull).ToDictionary());
        _relationships.Add(relationship.Id, relationship);
        Attach(_outgoing, startId, relationship);
        Attach(_incoming, endId, relationship);
        return relationship;
    }

    public void SetNodeProperty(GraphNode node, string key, CypherValue value)
    {
        if (node.Properties.TryGetValue(key, out var old))
        {
            RemoveFromIndex(node, key, old);
        }

        SetProperty(node.Properties, key, value);
        AddToIndex(node, key, value);
    }

    public void SetRelationshipProperty(GraphRelationship relationship, string key, CypherValue value) =>
        SetProperty(relationship.Properties, key, value);

    public bool AddLabel(GraphNode node, string label) => node.Labels.Add(label);

    public bool RemoveLabel(GraphNode node, string label) => node.Labels.Remove(label);

    public void DeleteNode(GraphNode node)
    {
        if (_nodes.Remove(node.Id))
        {
            node.IsDeleted = true;
            foreach (var (key, value) in node.Properties)
            {
                RemoveFromIndex(node, key, value);
            }

            _outgoing.Remove(node.Id);
            _incoming.Remove(node.Id);
        }
    }

    public void DeleteRelationship(GraphRelationship relationship)
    {
        if (_relationships.Remove(relationship.Id))
        {
            relationship.IsDeleted = true;
            _outgoing.GetValueOrDefault(relationship.StartId)?.Remove(relationship);
            _incoming.GetValueOrDefault(relationship.EndId)?.Remove(relationship);
        }
    }

    private static void SetProperty(IDictionary<string, CypherValue> properties, string key, CypherValue value)
    {
        if (value.IsNull)
        {
            properties.Remove(key);
        }
        else
        {
            properties[key] = value;
        }
    }

    private void AddToIndex(GraphNode node, string key, CypherValue value)
    {
        if (value is not StringValue text || !_indexes.TryGetValue(key, out var index))
        {
            return;
        }

        if (!index.TryGetValue(text.Value, out var nodes))
        {
            nodes = [];
            index.Add(text.Value, nodes);
        }

        nodes.Add(node);
    }

    private void RemoveFromIndex(GraphNode node, string key, CypherValue value)
    {
        if (value is StringValue text && _indexes.TryGetValue(key, out var index) && index.TryGetValue(text.Value, out var nodes))
        {
            nodes.Remove(node);
        }
    }

    private static void Attach(Dictionary<long, List<GraphRelationship>> index, long nodeId, GraphRelationship relationship)
    {
        if (!index.TryGetValue(nodeId, out var list))
        {
            list = [];
            index.Add(nodeId, list);
        }

        list.Add(relationship);
    }
}
