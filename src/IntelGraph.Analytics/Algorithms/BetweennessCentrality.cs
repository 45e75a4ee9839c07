using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Algorithms;

/// <summary>
/// Betweenness centrality with Brandes' algorithm (2001): one breadth-first search per source node and a
/// backward pass that accumulates each node's dependency. Edges are unweighted.
/// </summary>
/// <remarks>
/// QuikGraph 2.5.0 has no betweenness centrality, so this is written by hand. The exact form costs
/// O(n·m) time, which is hours for a million edges. With <c>sampleSize</c> set, only that many source
/// nodes, drawn with a seeded <see cref="Random"/>, are searched and the sums are scaled by n / sampleSize,
/// an unbiased estimate that is the same for the same seed. Parallel edges count as separate shortest paths.
/// </remarks>
public static class BetweennessCentrality
{
    public const int DefaultSeed = 42;

    /// <summary>Computes each node's betweenness, exactly or from a sample of source nodes.</summary>
    /// <param name="sampleSize">The number of source nodes to search, or null for all of them.</param>
    public static BetweennessResult Compute(AnalyticsGraph graph, EdgeDirection direction, int? sampleSize = null, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var n = graph.NodeCount;
        var sources = ChooseSources(n, sampleSize, seed);
        var search = new BrandesSearch(graph, direction);
        var scores = new double[n];
        foreach (var source in sources)
        {
            search.Run(source);
            foreach (var node in search.Order)
            {
                if (node != source)
                {
                    scores[node] += search.Dependency[node];
                }
            }
        }

        // Each unordered pair is counted from both ends when direction is ignored.
        var scale = (sources.Length == 0 ? 0 : (double)n / sources.Length) * (direction == EdgeDirection.Any ? 0.5 : 1);
        for (var node = 0; node < n; node++)
        {
            scores[node] *= scale;
        }

        var pairs = n < 3 ? 0 : (n - 1.0) * (n - 2.0) * (direction == EdgeDirection.Any ? 0.5 : 1);
        return new BetweennessResult(scores, pairs, direction, sources.Length, sources.Length < n);
    }

    /// <summary>
    /// Splits one node's betweenness by the neighbour that the shortest paths through it continue to, with
    /// the same sources, seed and scaling as <see cref="Compute"/>. The shares add up to the node's score.
    /// </summary>
    public static IReadOnlyList<(int Neighbour, double Share)> SharesByNextNeighbour(
        AnalyticsGraph graph, int node, EdgeDirection direction, int? sampleSize = null, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(graph);

        var n = graph.NodeCount;
        var sources = ChooseSources(n, sampleSize, seed);
        var search = new BrandesSearch(graph, direction);
        var shares = new Dictionary<int, double>();
        foreach (var source in sources)
        {
            if (source == node)
            {
                continue;
            }

            search.Run(source);
            if (search.Distance[node] < 0)
            {
                continue;
            }

            // The dependency of node splits over its successors w: sigma(node) / sigma(w) * (1 + dependency(w)).
            var incident = graph.Incident(node, direction);
            for (var i = 0; i < incident.Count; i++)
            {
                var next = graph.OtherEnd(incident[i], node);
                if (search.Distance[next] == search.Distance[node] + 1)
                {
                    var flow = search.PathCount[node] / search.PathCount[next] * (1 + search.Dependency[next]);
                    shares[next] = shares.GetValueOrDefault(next) + flow;
                }
            }
        }

        var scale = (sources.Length == 0 ? 0 : (double)n / sources.Length) * (direction == EdgeDirection.Any ? 0.5 : 1);
        return [.. shares.Select(pair => (pair.Key, pair.Value * scale)).OrderByDescending(pair => pair.Item2).ThenBy(pair => pair.Key)];
    }

    private static int[] ChooseSources(int nodeCount, int? sampleSize, int seed)
    {
        var all = Enumerable.Range(0, nodeCount).ToArray();
        if (sampleSize is not { } size || size >= nodeCount)
        {
            return all;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(sampleSize));

        // A partial Fisher–Yates shuffle: the first `size` slots become a uniform sample without repeats.
        var random = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, nodeCount);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..size];
    }

    /// <summary>The per-source state of Brandes' algorithm, reused between sources to avoid reallocating.</summary>
    private sealed class BrandesSearch(AnalyticsGraph graph, EdgeDirection direction)
    {
        private readonly List<int> _order = new(graph.NodeCount);

        public int[] Distance { get; } = new int[graph.NodeCount];

        public double[] PathCount { get; } = new double[graph.NodeCount];

        public double[] Dependency { get; } = new double[graph.NodeCount];

        /// <summary>The nodes reached by the last search, in the order they were reached.</summary>
        public List<int> Order => _order;

        public void Run(int source)
        {
            foreach (var node in _order)
            {
                Distance[node] = -1;
                PathCount[node] = 0;
                Dependency[node] = 0;
            }

            if (_order.Count == 0)
            {
                Array.Fill(Distance, -1);
            }

            _order.Clear();
            Distance[source] = 0;
            PathCount[source] = 1;
            _order.Add(source);

            // _order doubles as the breadth-first queue: the head index walks it while new nodes are appended.
            for (var head = 0; head < _order.Count; head++)
            {
                var node = _order[head];
                var incident = graph.Incident(node, direction);
                for (var i = 0; i < incident.Count; i++)
                {
                    var next = graph.OtherEnd(incident[i], node);
                    if (Distance[next] < 0)
                    {
                        Distance[next] = Distance[node] + 1;
                        _order.Add(next);
                    }

                    if (Distance[next] == Distance[node] + 1)
                    {
                        PathCount[next] += PathCount[node];
                    }
                }
            }

            // Backward pass: a node's predecessors are its neighbours one step closer to the source.
            for (var index = _order.Count - 1; index > 0; index--)
            {
                var node = _order[index];
                var reverse = graph.Incident(node, Reverse(direction));
                for (var i = 0; i < reverse.Count; i++)
                {
                    var previous = graph.OtherEnd(reverse[i], node);
                    if (Distance[previous] == Distance[node] - 1)
                    {
                        Dependency[previous] += PathCount[previous] / PathCount[node] * (1 + Dependency[node]);
                    }
                }
            }
        }

        private static EdgeDirection Reverse(EdgeDirection direction) =>
            direction == EdgeDirection.Outgoing ? EdgeDirection.Incoming : EdgeDirection.Any;
    }
}

/// <param name="Scores">Each node's betweenness, by node number: the number of shortest paths between other nodes that pass through it, each pair's paths counting 1 in total.</param>
/// <param name="PairCount">The number of node pairs that exclude a given node, (n-1)(n-2), halved when direction is ignored; dividing a score by it gives a value from 0 to 1.</param>
/// <param name="Sources">The number of source nodes searched.</param>
/// <param name="Sampled">True when the scores are an estimate from a sample of sources.</param>
public sealed record BetweennessResult(double[] Scores, double PairCount, EdgeDirection Direction, int Sources, bool Sampled)
{
    public double Normalized(int node) => PairCount == 0 ? 0 : Scores[node] / PairCount;
}
