using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Patterns;

/// <summary>
/// Ranks pairs of actors by how many items both of them reach, where each actor's items and the edges that
/// reach them are given by a function. The shared-technique and common-target finders are built on it.
/// </summary>
/// <remarks>
/// Pairs are counted per item, so the cost is the sum over items of the square of their actor count.
/// NOTE: an item reached by tens of thousands of actors makes this quadratic in that count.
/// </remarks>
internal static class OverlapPairs
{
    /// <param name="reach">For an actor, each item it reaches and the edges of one path from the actor to it.</param>
    public static OverlapResult Find(
        AnalyticsGraph graph,
        IEnumerable<int> actors,
        Func<int, IReadOnlyDictionary<int, int[]>> reach,
        int minShared,
        int limit)
    {
        var reached = new Dictionary<int, IReadOnlyDictionary<int, int[]>>();
        var actorsByItem = new Dictionary<int, List<int>>();
        foreach (var actor in actors)
        {
            var items = reach(actor);
            if (items.Count == 0)
            {
                continue;
            }

            reached[actor] = items;
            foreach (var item in items.Keys)
            {
                if (!actorsByItem.TryGetValue(item, out var list))
                {
                    actorsByItem[item] = list = [];
                }

                list.Add(actor);
            }
        }

        var shared = new Dictionary<(int, int), List<int>>();
        foreach (var (item, list) in actorsByItem)
        {
            list.Sort();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var key = (list[i], list[j]);
                    if (!shared.TryGetValue(key, out var items))
                    {
                        shared[key] = items = [];
                    }

                    items.Add(item);
                }
            }
        }

        var matching = shared.Where(pair => pair.Value.Count >= minShared).ToList();
        List<OverlapMatch> top =
        [
            .. matching
                .Select(pair => CreateMatch(graph, pair.Key.Item1, pair.Key.Item2, pair.Value, reached))
                .OrderByDescending(match => match.Shared.Count)
                .ThenByDescending(match => match.Jaccard)
                .ThenBy(match => graph.NodeId(match.First), StringComparer.Ordinal)
                .ThenBy(match => graph.NodeId(match.Second), StringComparer.Ordinal)
                .Take(limit),
        ];
        return new OverlapResult(matching.Count, top);
    }

    private static OverlapMatch CreateMatch(
        AnalyticsGraph graph, int first, int second, List<int> items, Dictionary<int, IReadOnlyDictionary<int, int[]>> reached)
    {
        items.Sort((a, b) => string.CompareOrdinal(graph.NodeId(a), graph.NodeId(b)));
        var union = reached[first].Count + reached[second].Count - items.Count;
        var shared = items
            .Select(item => new SharedItem(item, reached[first][item], reached[second][item]))
            .ToList();
        return new OverlapMatch(first, second, shared, reached[first].Count, reached[second].Count, (double)items.Count / union);
    }
}

/// <param name="Total">The number of pairs that share at least the minimum, even those beyond the limit.</param>
public sealed record OverlapResult(int Total, IReadOnlyList<OverlapMatch> Matches);

/// <summary>One item that both actors of a match reach, with the edges of one path from each actor to it.</summary>
public sealed record SharedItem(int Item, int[] FirstPath, int[] SecondPath);

/// <param name="FirstTotal">How many items the first actor reaches in all.</param>
/// <param name="Jaccard">Shared items divided by the items either actor reaches.</param>
public sealed record OverlapMatch(int First, int Second, IReadOnlyList<SharedItem> Shared, int FirstTotal, int SecondTotal, double Jaccard)
{
    /// <summary>Every edge that supports the match, without repeats, in edge number order.</summary>
    public IEnumerable<int> Edges => Shared.SelectMany(item => item.FirstPath.Concat(item.SecondPath)).Distinct().Order();
}
