using IntelGraph.Graph;

namespace IntelGraph.Analytics.Graph;

/// <summary>Collects entities and edges, then builds an <see cref="AnalyticsGraph"/>.</summary>
/// <remarks>
/// Entity and edge type names are interned, so a million edges of a dozen types keep a dozen strings.
/// An edge must arrive after both of its endpoints, as it does when a store streams entities first.
/// Nodes are numbered in the order they arrive, and edges in id order whatever order they arrive in.
/// </remarks>
public sealed class AnalyticsGraphBuilder
{
    private readonly List<string> _nodeIds = [];
    private readonly List<string> _nodeLabels = [];
    private readonly List<int> _nodeTypes = [];
    private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _typeIndex = new(StringComparer.Ordinal);
    private readonly List<string> _typeNames = [];

    private readonly List<string> _edgeIds = [];
    private readonly List<int> _edgeSources = [];
    private readonly List<int> _edgeTargets = [];
    private readonly List<int> _edgeTypes = [];
    private readonly Dictionary<string, int> _edgeTypeIndex = new(StringComparer.Ordinal);
    private readonly List<string> _edgeTypeNames = [];

    /// <summary>Adds a node. Throws <see cref="ArgumentException"/> when the id was added before.</summary>
    public AnalyticsGraphBuilder AddNode(string id, string label, string type)
    {
        ArgumentNullException.ThrowIfNull(id);

        if (!_nodeIndex.TryAdd(id, _nodeIds.Count))
        {
            throw new ArgumentException($"Node '{id}' was added twice; node ids must be unique.", nameof(id));
        }

        _nodeIds.Add(id);
        _nodeLabels.Add(label);
        _nodeTypes.Add(Intern(_typeIndex, _typeNames, type));
        return this;
    }

    public AnalyticsGraphBuilder AddNode(GraphEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);

        return AddNode(entity.Id, entity.Label, entity.Type);
    }

    /// <summary>Adds a directed edge. Throws <see cref="ArgumentException"/> when an endpoint was not added as a node.</summary>
    public AnalyticsGraphBuilder AddEdge(string id, string source, string target, string type)
    {
        if (!_nodeIndex.TryGetValue(source, out var sourceNode))
        {
            throw new ArgumentException($"Edge '{id}' starts at '{source}', which is not a node of the graph; add the node first.", nameof(source));
        }

        if (!_nodeIndex.TryGetValue(target, out var targetNode))
        {
            throw new ArgumentException($"Edge '{id}' ends at '{target}', which is not a node of the graph; add the node first.", nameof(target));
        }

        _edgeIds.Add(id);
        _edgeSources.Add(sourceNode);
        _edgeTargets.Add(targetNode);
        _edgeTypes.Add(Intern(_edgeTypeIndex, _edgeTypeNames, type));
        return this;
    }

    public AnalyticsGraphBuilder AddEdge(GraphEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);

        return AddEdge(edge.Id, edge.Source, edge.Target, edge.Type);
    }

    public AnalyticsGraph Build()
    {
        string[] edgeIds = [.. _edgeIds];
        int[] sources = [.. _edgeSources];
        int[] targets = [.. _edgeTargets];
        int[] types = [.. _edgeTypes];
        SortEdgesById(edgeIds, sources, targets, types);

        return new(
            [.. _nodeIds],
            [.. _nodeLabels],
            [.. _nodeTypes],
            [.. _typeNames],
            new Dictionary<string, int>(_nodeIndex, StringComparer.Ordinal),
            edgeIds,
            sources,
            targets,
            types,
            [.. _edgeTypeNames]);
    }

    /// <summary>Sorts the edge ids with ordinal comparison and moves each edge's numbers along, unless the ids are already in order.</summary>
    private static void SortEdgesById(string[] ids, int[] sources, int[] targets, int[] types)
    {
        var sorted = true;
        for (var i = 1; i < ids.Length && sorted; i++)
        {
            sorted = string.CompareOrdinal(ids[i - 1], ids[i]) <= 0;
        }

        if (sorted)
        {
            return;
        }

        var order = Enumerable.Range(0, ids.Length).ToArray();
        Array.Sort(ids, order, StringComparer.Ordinal);
        var oldSources = (int[])sources.Clone();
        var oldTargets = (int[])targets.Clone();
        var oldTypes = (int[])types.Clone();
        for (var i = 0; i < order.Length; i++)
        {
            sources[i] = oldSources[order[i]];
            targets[i] = oldTargets[order[i]];
            types[i] = oldTypes[order[i]];
        }
    }

    private static int Intern(Dictionary<string, int> index, List<string> names, string name)
    {
        if (!index.TryGetValue(name, out var number))
        {
            number = names.Count;
            index.Add(name, number);
            names.Add(name);
        }

        return number;
    }
}
