using IntelGraph.Cypher.Graph;

namespace IntelGraph.Cypher.Planning;

/// <summary>
/// The counts a cost estimate rests on: nodes in all and per label, relationships in all and per type, and
/// for each type how many relationships leave and enter the nodes of each label, so that a step from a
/// labelled node is costed by that label's own fan-out rather than the graph's average.
/// Collect them once per graph and reuse them for every estimate against that graph.
/// </summary>
public sealed class GraphStatistics
{
    private readonly Dictionary<string, long> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Label, string Type, bool Outgoing), long> _labelTypes = [];
    private readonly Dictionary<(string Type, bool Outgoing), long> _endpoints = [];

    private GraphStatistics()
    {
    }

    public long NodeCount { get; private set; }

    public long RelationshipCount { get; private set; }

    /// <summary>The node property keys the graph indexes, whose lookups read only the matching nodes.</summary>
    public IReadOnlySet<string> IndexedKeys { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Counts the graph's live nodes and relationships by reading every one of them once.</summary>
    public static GraphStatistics Collect(IPropertyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var statistics = new GraphStatistics();
        if (graph is InMemoryPropertyGraph inMemory)
        {
            statistics.IndexedKeys = new HashSet<string>(inMemory.IndexedKeys, StringComparer.Ordinal);
        }

        var labelsOf = new Dictionary<long, IReadOnlyCollection<string>>();
        foreach (var node in graph.ScanNodes(null))
        {
            statistics.NodeCount++;
            labelsOf[node.Id] = [.. node.Labels];
            foreach (var label in node.Labels)
            {
                Increment(statistics._labels, label);
            }
        }

        var endpoints = new Dictionary<(string Type, bool Outgoing), HashSet<long>>();
        foreach (var relationship in graph.ScanRelationships())
        {
            statistics.RelationshipCount++;
            Increment(statistics._types, relationship.Type);
            statistics.CountEnd(relationship.Type, relationship.StartId, outgoing: true, labelsOf, endpoints);
            statistics.CountEnd(relationship.Type, relationship.EndId, outgoing: false, labelsOf, endpoints);
        }

        foreach (var (key, nodes) in endpoints)
        {
            statistics._endpoints[key] = nodes.Count;
        }

        return statistics;
    }

    public long CountLabel(string label) => _labels.GetValueOrDefault(label);

    /// <summary>Counts the relationships of any of the types, or of every type when the list is empty.</summary>
    public long CountTypes(IReadOnlyCollection<string> types) =>
        types.Count == 0 ? RelationshipCount : types.Distinct(StringComparer.Ordinal).Sum(type => _types.GetValueOrDefault(type));

    /// <summary>
    /// The average number of relationships of the types that a node takes part in, in one direction (or both).
    /// With a label it is that label's own average; without one it is the average over the nodes that have at
    /// least one such relationship, which errs high for a node that may have none.
    /// </summary>
    public double FanOut(IReadOnlyCollection<string> types, string? label, bool outgoing, bool incoming)
    {
        var names = types.Count == 0 ? _types.Keys.ToList() : types.Distinct(StringComparer.Ordinal).ToList();
        double total = 0;
        foreach (var direction in new[] { true, false }.Where(d => d ? outgoing : incoming))
        {
            if (label is not null)
            {
                var nodes = CountLabel(label);
                total += nodes == 0 ? 0 : (double)names.Sum(type => _labelTypes.GetValueOrDefault((label, type, direction))) / nodes;
                continue;
            }

            // The largest single type's count replaces the union of the types' nodes, which only makes the average higher.
            var relationships = names.Sum(type => _types.GetValueOrDefault(type));
            var endpoints = names.Select(type => _endpoints.GetValueOrDefault((type, direction))).DefaultIfEmpty(0).Max();
            total += endpoints == 0 ? 0 : (double)relationships / endpoints;
        }

        return total;
    }

    /// <summary>
    /// The share of the relationships of the types, followed in the given direction, whose far end carries the
    /// label. Following outgoing relationships arrives at their end nodes; incoming ones at their start nodes.
    /// </summary>
    public double LabelShare(IReadOnlyCollection<string> types, string label, bool outgoing, bool incoming)
    {
        var names = types.Count == 0 ? _types.Keys.ToList() : types.Distinct(StringComparer.Ordinal).ToList();
        double arrivals = 0;
        double labelled = 0;
        foreach (var direction in new[] { true, false }.Where(d => d ? outgoing : incoming))
        {
            arrivals += names.Sum(type => _types.GetValueOrDefault(type));
            labelled += names.Sum(type => _labelTypes.GetValueOrDefault((label, type, !direction)));
        }

        return arrivals == 0 ? 0 : labelled / arrivals;
    }

    private void CountEnd(
        string type,
        long nodeId,
        bool outgoing,
        Dictionary<long, IReadOnlyCollection<string>> labelsOf,
        Dictionary<(string Type, bool Outgoing), HashSet<long>> endpoints)
    {
        if (!endpoints.TryGetValue((type, outgoing), out var nodes))
        {
            endpoints[(type, outgoing)] = nodes = [];
        }

        nodes.Add(nodeId);
        foreach (var label in labelsOf.GetValueOrDefault(nodeId) ?? [])
        {
            Increment(_labelTypes, (label, type, outgoing));
        }
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
