using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Algorithms;

/// <summary>
/// Community detection with the Louvain method (Blondel et al., 2008), ignoring edge direction: nodes move to
/// the neighbouring community with the largest modularity gain, then each community becomes one node of a
/// smaller graph, until no node moves.
/// </summary>
/// <remarks>
/// QuikGraph 2.5.0 has no community detection, so this is written by hand. Nodes are visited in number
/// order and ties keep a node where it is, then prefer the lower community number, so the same graph
/// always gives the same communities. Each pass costs O(n + m). Parallel edges add weight, and self-loops
/// are ignored.
/// </remarks>
public static class CommunityDetection
{
    public const int DefaultMaxPasses = 100;

    public static CommunityResult Compute(AnalyticsGraph graph, int maxPasses = DefaultMaxPasses)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPasses);

        var membership = Enumerable.Range(0, graph.NodeCount).ToArray();
        var level = WeightedGraph.From(graph);
        var levels = 0;
        var converged = true;

        while (level.NodeCount > 0)
        {
            var (communities, moved, settled) = MoveNodes(level, maxPasses);
            converged &= settled;
            if (!moved)
            {
                break;
            }

            levels++;
            var count = communities.Max() + 1;
            for (var node = 0; node < membership.Length; node++)
            {
                membership[node] = communities[membership[node]];
            }

            level = level.Aggregate(communities, count);
        }

        var numbered = Renumber(membership);
        return new CommunityResult(numbered, numbered.Length == 0 ? 0 : numbered.Max() + 1, Modularity(graph, numbered), levels, converged);
    }

    /// <summary>Returns Newman's modularity of a partition, ignoring edge direction; parallel edges add weight and self-loops are ignored.</summary>
    public static double Modularity(AnalyticsGraph graph, int[] communities)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(communities);

        var count = communities.Length == 0 ? 0 : communities.Max() + 1;
        var inside = new double[count];
        var degreeSums = new double[count];
        var m = 0.0;
        for (var edge = 0; edge < graph.EdgeCount; edge++)
        {
            if (graph.EdgeSource(edge) == graph.EdgeTarget(edge))
            {
                continue;
            }

            var source = communities[graph.EdgeSource(edge)];
            var target = communities[graph.EdgeTarget(edge)];
            m++;
            degreeSums[source]++;
            degreeSums[target]++;
            if (source == target)
            {
                inside[source]++;
            }
        }

        if (m == 0)
        {
            return 0;
        }

        var modularity = 0.0;
        for (var community = 0; community < count; community++)
        {
            var share = degreeSums[community] / (2 * m);
            modularity += (inside[community] / m) - (share * share);
        }

        return modularity;
    }

    /// <summary>
    /// The first Louvain phase on one level: returns each node's community numbered from 0 in order of first
    /// appearance, whether any node moved, and whether the passes settled before <paramref name="maxPasses"/>.
    /// </summary>
    private static (int[] Communities, bool Moved, bool Settled) MoveNodes(WeightedGraph level, int maxPasses)
    {
        var n = level.NodeCount;
        var community = Enumerable.Range(0, n).ToArray();
        var total = new double[n];
        for (var node = 0; node < n; node++)
        {
            total[node] = level.Degree[node];
        }

        var weightTo = new double[n];
        var touched = new List<int>();
        var twiceWeight = level.TotalWeight * 2;
        var anyMove = false;
        var passes = 0;
        var movedInPass = true;

        while (movedInPass && passes < maxPasses)
        {
            movedInPass = false;
            passes++;
            for (var node = 0; node < n; node++)
            {
                var current = community[node];
                var degree = level.Degree[node];
                total[current] -= degree;

                for (var i = level.Start[node]; i < level.Start[node + 1]; i++)
                {
                    var neighbourCommunity = community[level.Neighbours[i]];
                    if (weightTo[neighbourCommunity] == 0)
                    {
                        touched.Add(neighbourCommunity);
                    }

                    weightTo[neighbourCommunity] += level.Weights[i];
                }

                // The gain of joining community c is proportional to weightTo(c) − total(c)·degree / 2m.
                var best = current;
                var bestGain = weightTo[current] - (total[current] * degree / twiceWeight);
                foreach (var candidate in touched)
                {
                    var gain = weightTo[candidate] - (total[candidate] * degree / twiceWeight);
                    if (gain > bestGain || (gain == bestGain && best != current && candidate < best))
                    {
                        best = candidate;
                        bestGain = gain;
                    }
                }

                foreach (var candidate in touched)
                {
                    weightTo[candidate] = 0;
                }

                touched.Clear();
                total[best] += degree;
                if (best != current)
                {
                    community[node] = best;
                    movedInPass = true;
                    anyMove = true;
                }
            }
        }

        return (Compact(community), anyMove, !movedInPass);
    }

    private static int[] Compact(int[] labels)
    {
        var numbers = new Dictionary<int, int>();
        var compact = new int[labels.Length];
        for (var node = 0; node < labels.Length; node++)
        {
            if (!numbers.TryGetValue(labels[node], out var number))
            {
                numbers[labels[node]] = number = numbers.Count;
            }

            compact[node] = number;
        }

        return compact;
    }

    /// <summary>Numbers the communities from 0 by size, largest first; equal sizes go by their lowest node number.</summary>
    private static int[] Renumber(int[] labels)
    {
        var order = labels
            .Select((label, node) => (label, node))
            .GroupBy(pair => pair.label)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Min(pair => pair.node))
            .Select((group, index) => (group.Key, index))
            .ToDictionary(pair => pair.Key, pair => pair.index);

        return [.. labels.Select(label => order[label])];
    }

    /// <summary>An undirected weighted graph in CSR form, one level of the Louvain hierarchy.</summary>
    private sealed class WeightedGraph
    {
        public required int[] Start { get; init; }

        public required int[] Neighbours { get; init; }

        public required double[] Weights { get; init; }

        /// <summary>Each node's weighted degree, counting its own inner weight twice as a self-loop would.</summary>
        public required double[] Degree { get; init; }

        /// <summary>The sum of all edge weights, inner weights included.</summary>
        public required double TotalWeight { get; init; }

        public int NodeCount => Degree.Length;

        public static WeightedGraph From(AnalyticsGraph graph)
        {
            var pairs = new List<(int, int, double)>(graph.EdgeCount);
            for (var edge = 0; edge < graph.EdgeCount; edge++)
            {
                if (graph.EdgeSource(edge) != graph.EdgeTarget(edge))
                {
                    pairs.Add((graph.EdgeSource(edge), graph.EdgeTarget(edge), 1));
                }
            }

            return Create(graph.NodeCount, pairs, new double[graph.NodeCount]);
        }

        public WeightedGraph Aggregate(int[] communities, int count)
        {
            var inner = new double[count];
            var between = new Dictionary<(int, int), double>();
            for (var node = 0; node < NodeCount; node++)
            {
                var from = communities[node];
                inner[from] += (Degree[node] - OuterDegree(node)) / 2;
                for (var i = Start[node]; i < Start[node + 1]; i++)
                {
                    var to = communities[Neighbours[i]];

                    // Each undirected edge appears once from each end, so only the end with the lower node number counts it.
                    if (Neighbours[i] < node)
                    {
                        continue;
                    }

                    if (from == to)
                    {
                        inner[from] += Weights[i];
                    }
                    else
                    {
                        var key = from < to ? (from, to) : (to, from);
                        between[key] = between.GetValueOrDefault(key) + Weights[i];
                    }
                }
            }

            return Create(count, [.. between.OrderBy(pair => pair.Key).Select(pair => (pair.Key.Item1, pair.Key.Item2, pair.Value))], inner);
        }

        private double OuterDegree(int node)
        {
            var sum = 0.0;
            for (var i = Start[node]; i < Start[node + 1]; i++)
            {
                sum += Weights[i];
            }

            return sum;
        }

        private static WeightedGraph Create(int nodeCount, List<(int A, int B, double Weight)> pairs, double[] inner)
        {
            var start = new int[nodeCount + 1];
            foreach (var (a, b, _) in pairs)
            {
                start[a + 1]++;
                start[b + 1]++;
            }

            for (var i = 0; i < nodeCount; i++)
            {
                start[i + 1] += start[i];
            }

            var next = start[..^1];
            var neighbours = new int[pairs.Count * 2];
            var weights = new double[pairs.Count * 2];
            var degree = new double[nodeCount];
            var total = 0.0;
            foreach (var (a, b, weight) in pairs)
            {
                neighbours[next[a]] = b;
                weights[next[a]++] = weight;
                neighbours[next[b]] = a;
                weights[next[b]++] = weight;
                degree[a] += weight;
                degree[b] += weight;
                total += weight;
            }

            for (var node = 0; node < nodeCount; node++)
            {
                degree[node] += 2 * inner[node];
                total += inner[node];
            }

            return new WeightedGraph { Start = start, Neighbours = neighbours, Weights = weights, Degree = degree, TotalWeight = total };
        }
    }
}

/// <param name="Communities">The community number of each node, by node number; community 0 is the largest.</param>
/// <param name="Levels">The number of aggregation levels at which nodes moved.</param>
/// <param name="Converged">True when every level's passes ended because no node moved, not because of the pass limit.</param>
public sealed record CommunityResult(int[] Communities, int Count, double Modularity, int Levels, bool Converged);
