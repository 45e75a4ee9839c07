using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Patterns;

/// <summary>Finders for recurring shapes in a threat-intelligence graph in the STIX vocabulary.</summary>
public static class PatternFinders
{
    /// <summary>The STIX types of actors: groups, campaigns and malware.</summary>
    public static IReadOnlySet<string> ActorTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "intrusion-set", "campaign", "malware" };

    public const string TechniqueType = "attack-pattern";
    public const string UsesEdge = "uses";
    public const string TargetsEdge = "targets";

    /// <summary>
    /// Returns pairs of actors that both have a <c>uses</c> edge to the same attack-patterns, ranked by the
    /// number of shared techniques, then by Jaccard similarity.
    /// </summary>
    public static OverlapResult SharedTechniques(AnalyticsGraph graph, int minShared, int limit)
    {
        ArgumentNullException.ThrowIfNull(graph);

        return OverlapPairs.Find(graph, Actors(graph), actor => Techniques(graph, actor), minShared, limit);
    }

    /// <summary>
    /// Returns pairs of actors that reach the same targets, ranked like <see cref="SharedTechniques"/>. An actor
    /// reaches a target through its own <c>targets</c> edge, or through a technique it uses that targets it.
    /// </summary>
    public static OverlapResult CommonTargets(AnalyticsGraph graph, int minShared, int limit)
    {
        ArgumentNullException.ThrowIfNull(graph);

        return OverlapPairs.Find(graph, Actors(graph), actor => Targets(graph, actor), minShared, limit);
    }

    private static IEnumerable<int> Actors(AnalyticsGraph graph) =>
        Enumerable.Range(0, graph.NodeCount).Where(node => ActorTypes.Contains(graph.NodeType(node)));

    private static Dictionary<int, int[]> Techniques(AnalyticsGraph graph, int actor)
    {
        var techniques = new Dictionary<int, int[]>();
        foreach (var edge in graph.OutEdges(actor))
        {
            var target = graph.EdgeTarget(edge);
            if (graph.EdgeType(edge) == UsesEdge && graph.NodeType(target) == TechniqueType)
            {
                techniques.TryAdd(target, [edge]);
            }
        }

        return techniques;
    }

    /// <summary>Returns each target the actor reaches with the edges of the first path found; a direct edge wins over a two-step path.</summary>
    private static Dictionary<int, int[]> Targets(AnalyticsGraph graph, int actor)
    {
        var targets = new Dictionary<int, int[]>();
        foreach (var edge in graph.OutEdges(actor))
        {
            if (graph.EdgeType(edge) == TargetsEdge)
            {
                targets.TryAdd(graph.EdgeTarget(edge), [edge]);
            }
        }

        foreach (var (technique, path) in Techniques(graph, actor))
        {
            foreach (var edge in graph.OutEdges(technique))
            {
                if (graph.EdgeType(edge) == TargetsEdge)
                {
                    targets.TryAdd(graph.EdgeTarget(edge), [path[0], edge]);
                }
            }
        }

        return targets;
    }
}
