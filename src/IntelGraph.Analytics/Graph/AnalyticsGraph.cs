namespace IntelGraph.Analytics.Graph;

/// <summary>
/// A read-only, in-memory copy of one tenant's graph for analytics: nodes and edges are numbered from 0,
/// and each node's outgoing and incoming edges are slices of two compressed sparse row (CSR) arrays.
/// </summary>
/// <remarks>
/// Node numbers follow the order in which the builder received the entities, which is id order when
/// loaded from a store, so every algorithm that walks nodes in number order is deterministic. Apart from
/// the id and label strings, an edge costs 20 bytes: source, target, type and one slot in each CSR array.
/// </remarks>
public sealed class AnalyticsGraph
{
    private readonly string[] _nodeIds;
    private readonly string[] _nodeLabels;
    private readonly int[] _nodeTypes;
    private readonly string[] _typeNames;
    private readonly Dictionary<string, int> _nodeIndex;

    private readonly string[] _edgeIds;
    private readonly int[] _edgeSources;
    private readonly int[] _edgeTargets;
    private readonly int[] _edgeTypes;
    private readonly string[] _edgeTypeNames;

    private readonly int[] _outStart;
    private readonly int[] _outEdges;
    private readonly int[] _inStart;
    private readonly int[] _inEdges;

    internal AnalyticsGraph(
        string[] nodeIds,
        string[] nodeLabels,
        int[] nodeTypes,
        string[] typeNames,
        Dictionary<string, int> nodeIndex,
        string[] edgeIds,
        int[] edgeSources,
        int[] edgeTargets,
        int[] edgeTypes,
        string[] edgeTypeNames)
    {
        _nodeIds = nodeIds;
        _nodeLabels = nodeLabels;
        _nodeTypes = nodeTypes;
        _typeNames = typeNames;
        _nodeIndex = nodeIndex;
        _edgeIds = edgeIds;
        _edgeSources = edgeSources;
        _edgeTargets = edgeTargets;
        _edgeTypes = edgeTypes;
        _edgeTypeNames = edgeTypeNames;

        (_outStart, _outEdges) = BuildCsr(nodeIds.Length, edgeSources);
        (_inStart, _inEdges) = BuildCsr(nodeIds.Length, edgeTargets);
    }

    public int NodeCount => _nodeIds.Length;

    public int EdgeCount => _edgeIds.Length;

    public string NodeId(int node) => _nodeIds[node];

    public string NodeLabel(int node) => _nodeLabels[node];

    public string NodeType(int node) => _typeNames[_nodeTypes[node]];

    public bool TryGetNode(string nodeId, out int node) => _nodeIndex.TryGetValue(nodeId, out node);

    public string EdgeId(int edge) => _edgeIds[edge];

    public int EdgeSource(int edge) => _edgeSources[edge];

    public int EdgeTarget(int edge) => _edgeTargets[edge];

    public string EdgeType(int edge) => _edgeTypeNames[_edgeTypes[edge]];

    /// <summary>Returns the node at the other end of <paramref name="edge"/> from <paramref name="node"/>; a self-loop returns the node itself.</summary>
    public int OtherEnd(int edge, int node) => _edgeSources[edge] == node ? _edgeTargets[edge] : _edgeSources[edge];

    /// <summary>Returns the numbers of the edges that start at the node, in ascending order.</summary>
    public ReadOnlySpan<int> OutEdges(int node) => _outEdges.AsSpan(_outStart[node], _outStart[node + 1] - _outStart[node]);

    /// <summary>Returns the numbers of the edges that end at the node, in ascending order.</summary>
    public ReadOnlySpan<int> InEdges(int node) => _inEdges.AsSpan(_inStart[node], _inStart[node + 1] - _inStart[node]);

    public int OutDegree(int node) => _outStart[node + 1] - _outStart[node];

    public int InDegree(int node) => _inStart[node + 1] - _inStart[node];

    /// <summary>Returns the number of the edge with the given id, or -1. The search is linear because edge ids are not indexed.</summary>
    public int FindEdge(string edgeId) => Array.IndexOf(_edgeIds, edgeId);

    /// <summary>Returns the edges incident to the node in the given direction; for <see cref="EdgeDirection.Any"/> the outgoing ones come first.</summary>
    public IncidentEdges Incident(int node, EdgeDirection direction) => direction switch
    {
        EdgeDirection.Outgoing => new(OutEdges(node), []),
        EdgeDirection.Incoming => new(InEdges(node), []),
        _ => new(OutEdges(node), InEdges(node)),
    };

    /// <summary>Returns the same graph without one edge, for counterfactual questions. Node numbers stay the same.</summary>
    public AnalyticsGraph WithoutEdge(int edge)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edge);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(edge, EdgeCount);

        return new AnalyticsGraph(
            _nodeIds,
            _nodeLabels,
            _nodeTypes,
            _typeNames,
            _nodeIndex,
            RemoveAt(_edgeIds, edge),
            RemoveAt(_edgeSources, edge),
            RemoveAt(_edgeTargets, edge),
            RemoveAt(_edgeTypes, edge),
            _edgeTypeNames);
    }

    public NodeRef Node(int node) => new(_nodeIds[node], _nodeLabels[node], NodeType(node));

    public EdgeRef Edge(int edge) => new(_edgeIds[edge], _nodeIds[_edgeSources[edge]], _nodeIds[_edgeTargets[edge]], EdgeType(edge));

    private static T[] RemoveAt<T>(T[] items, int index)
    {
        var copy = new T[items.Length - 1];
        Array.Copy(items, 0, copy, 0, index);
        Array.Copy(items, index + 1, copy, index, items.Length - index - 1);
        return copy;
    }

    /// <summary>Groups the edges by one endpoint with a counting sort, so each node's slice lists its edges in ascending order.</summary>
    private static (int[] Start, int[] Edges) BuildCsr(int nodeCount, int[] endpoints)
    {
        var start = new int[nodeCount + 1];
        foreach (var node in endpoints)
        {
            start[node + 1]++;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            start[i + 1] += start[i];
        }

        var next = start[..^1];
        var edges = new int[endpoints.Length];
        for (var edge = 0; edge < endpoints.Length; edge++)
        {
            edges[next[endpoints[edge]]++] = edge;
        }

        return (start, edges);
    }
}

/// <summary>Which edges a walk may follow from a node.</summary>
public enum EdgeDirection
{
    /// <summary>Every edge, whichever way it points, as in an undirected graph.</summary>
    Any,

    /// <summary>Only edges that start at the node.</summary>
    Outgoing,

    /// <summary>Only edges that end at the node.</summary>
    Incoming,
}

/// <summary>A node as results show it.</summary>
public sealed record NodeRef(string Id, string Label, string Type);

/// <summary>An edge as results show it.</summary>
public sealed record EdgeRef(string Id, string Source, string Target, string Type);

/// <summary>The edges of one node: the outgoing slice, then the incoming slice (empty when only outgoing edges count).</summary>
public readonly ref struct IncidentEdges(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
{
    private readonly ReadOnlySpan<int> _first = first;
    private readonly ReadOnlySpan<int> _second = second;

    public int Count => _first.Length + _second.Length;

    public int this[int index] => index < _first.Length ? _first[index] : _second[index - _first.Length];
}
