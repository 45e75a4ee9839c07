using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;
using IntelGraph.Analytics.Patterns;
using IntelGraph.Analytics.Reports;

namespace IntelGraph.Analytics;

/// <summary>
/// Runs each analysis over one <see cref="AnalyticsGraph"/> and turns the numbered result into a report of
/// ids and labels. The CLI and the HTTP API both call it, so they return the same results.
/// </summary>
public sealed class GraphAnalytics(AnalyticsGraph graph)
{
    /// <summary>Above this many nodes, betweenness is estimated from a sample of sources unless the caller asks otherwise.</summary>
    public const int ExactBetweennessNodeLimit = 5000;

    public const int DefaultBetweennessSample = 256;

    public AnalyticsGraph Graph { get; } = graph;

    public RankingReport PageRank(int limit, double damping = Algorithms.PageRank.DefaultDamping)
    {
        var result = Algorithms.PageRank.Compute(Graph, damping);
        var details = new Dictionary<string, object>
        {
            ["damping"] = result.Damping,
            ["iterations"] = result.Iterations,
            ["change"] = result.Change,
            ["sum"] = result.Scores.Sum(),
        };
        return new RankingReport("pagerank", Graph.NodeCount, Graph.EdgeCount, Rank(result.Scores, limit), details);
    }

    public DegreeReport Degree(int limit, DegreeOrder orderBy = DegreeOrder.Total)
    {
        var result = DegreeCentrality.Compute(Graph);
        Func<int, int> key = orderBy switch
        {
            DegreeOrder.In => node => result.In[node],
            DegreeOrder.Out => node => result.Out[node],
            _ => result.Total,
        };

        var items = Enumerable.Range(0, Graph.NodeCount)
            .OrderByDescending(key)
            .ThenBy(Graph.NodeId, StringComparer.Ordinal)
            .Take(limit)
            .Select((node, index) => new DegreeNode(index + 1, Graph.Node(node), result.In[node], result.Out[node], result.Total(node), result.Normalized(node)))
            .ToList();
        return new DegreeReport(Graph.NodeCount, Graph.EdgeCount, orderBy.ToString().ToLowerInvariant(), items);
    }

    /// <param name="sampleSize">Sources to search; null chooses exact below <see cref="ExactBetweennessNodeLimit"/> nodes and <see cref="DefaultBetweennessSample"/> above.</param>
    public RankingReport Betweenness(int limit, EdgeDirection direction, int? sampleSize = null, int seed = BetweennessCentrality.DefaultSeed)
    {
        var samples = EffectiveSample(sampleSize);
        var result = BetweennessCentrality.Compute(Graph, direction, samples, seed);
        var details = new Dictionary<string, object>
        {
            ["direction"] = DirectionName(direction),
            ["sources"] = result.Sources,
            ["sampled"] = result.Sampled,
            ["seed"] = seed,
            ["pairCount"] = result.PairCount,
        };
        return new RankingReport("betweenness", Graph.NodeCount, Graph.EdgeCount, Rank(result.Scores, limit), details);
    }

    /// <summary>Returns the sample size that <see cref="Betweenness"/> uses for a requested one.</summary>
    public int? EffectiveSample(int? sampleSize) =>
        sampleSize ?? (Graph.NodeCount > ExactBetweennessNodeLimit ? DefaultBetweennessSample : null);

    /// <param name="limit">The number of communities listed, largest first; each lists up to this many members.</param>
    public CommunityReport Communities(int limit)
    {
        var result = CommunityDetection.Compute(Graph);
        var groups = Enumerable.Range(0, Graph.NodeCount)
            .GroupBy(node => result.Communities[node])
            .OrderBy(group => group.Key)
            .Take(limit)
            .Select(group => new CommunitySummary(
                group.Key,
                group.Count(),
                group.GroupBy(Graph.NodeType).OrderBy(type => type.Key, StringComparer.Ordinal).ToDictionary(type => type.Key, type => type.Count(), StringComparer.Ordinal),
                [.. group.OrderBy(Graph.NodeId, StringComparer.Ordinal).Take(limit).Select(Graph.Node)]))
            .ToList();
        return new CommunityReport(
            Graph.NodeCount, Graph.EdgeCount, result.Count, result.Modularity, result.Levels, result.Converged, result.Communities.Length, groups);
    }

    /// <summary>Returns the community number of every node by id, for callers that need the full partition.</summary>
    public IReadOnlyDictionary<string, int> CommunityOf()
    {
        var result = CommunityDetection.Compute(Graph);
        return Enumerable.Range(0, Graph.NodeCount).ToDictionary(Graph.NodeId, node => result.Communities[node], StringComparer.Ordinal);
    }

    /// <exception cref="AnalyticsInputException">An entity id is not in the graph.</exception>
    public PathReport Path(string fromId, string toId, EdgeDirection direction)
    {
        var from = RequireNode(fromId, "from");
        var to = RequireNode(toId, "to");
        var result = ShortestPath.Find(Graph, from, to, direction);

        var steps = new List<PathStep>(result.Hops);
        for (var i = 0; i < result.Edges.Count; i++)
        {
            var edge = result.Edges[i];
            steps.Add(new PathStep(Graph.Edge(edge), Graph.Node(result.Nodes[i + 1]), Graph.EdgeSource(edge) == result.Nodes[i]));
        }

        return new PathReport(Graph.Node(from), Graph.Node(to), DirectionName(direction), result.Found, result.Hops, steps);
    }

    /// <exception cref="AnalyticsInputException">The entity id is not in the graph.</exception>
    public NeighbourhoodReport Neighbourhood(string startId, int depth, EdgeDirection direction, int limit)
    {
        var start = RequireNode(startId, "entity");
        var result = KHopNeighbourhood.Find(Graph, start, depth, direction, limit);
        var nodes = result.Nodes
            .Select(node => new NeighbourhoodNode(Graph.Node(node.Node), node.Distance, node.Via < 0 ? null : Graph.Edge(node.Via)))
            .ToList();
        return new NeighbourhoodReport(Graph.Node(start), depth, DirectionName(direction), result.Truncated, nodes);
    }

    public PatternReport Patterns(PatternKind kind, int limit, int minShared = 1)
    {
        if (kind == PatternKind.Triangles)
        {
            var triangles = Triangles.Find(Graph, limit);
            var reports = triangles.Triangles
                .Select(triangle => new TriangleReport([.. triangle.Nodes.Select(Graph.Node)], [.. triangle.Edges.Select(Graph.Edge)]))
                .ToList();
            return new PatternReport(PatternName(kind), triangles.Count, [], reports);
        }

        var overlap = kind == PatternKind.SharedTechniques
            ? PatternFinders.SharedTechniques(Graph, minShared, limit)
            : PatternFinders.CommonTargets(Graph, minShared, limit);
        var pairs = overlap.Matches.Select(ToReport).ToList();
        return new PatternReport(PatternName(kind), overlap.Total, pairs, []);
    }

    /// <exception cref="AnalyticsInputException">The edge id is not in the graph.</exception>
    public GraphAnalytics WithoutEdge(string edgeId)
    {
        var edge = Graph.FindEdge(edgeId);
        if (edge < 0)
        {
            throw new AnalyticsInputException("withoutEdge", $"The graph has no edge with id '{edgeId}'; give the id of one of the tenant's edges.", notFound: true);
        }

        return new GraphAnalytics(Graph.WithoutEdge(edge));
    }

    /// <exception cref="AnalyticsInputException">The id is not in the graph.</exception>
    public int RequireNode(string entityId, string field)
    {
        if (!Graph.TryGetNode(entityId, out var node))
        {
            throw new AnalyticsInputException(field, $"The graph has no entity with id '{entityId}'; give the id of one of the tenant's entities.", notFound: true);
        }

        return node;
    }

    public static string DirectionName(EdgeDirection direction) => direction switch
    {
        EdgeDirection.Outgoing => "out",
        EdgeDirection.Incoming => "in",
        _ => "any",
    };

    public static string PatternName(PatternKind kind) => kind switch
    {
        PatternKind.SharedTechniques => "shared-techniques",
        PatternKind.CommonTargets => "common-targets",
        _ => "triangles",
    };

    private OverlapReport ToReport(OverlapMatch match) =>
        new(
            Graph.Node(match.First),
            Graph.Node(match.Second),
            match.Shared.Count,
            match.FirstTotal,
            match.SecondTotal,
            match.Jaccard,
            [.. match.Shared.Select(item => new SharedItemReport(
                Graph.Node(item.Item),
                [.. item.FirstPath.Select(Graph.Edge)],
                [.. item.SecondPath.Select(Graph.Edge)]))]);

    private List<ScoredNode> Rank(double[] scores, int limit) =>
        [
            .. Enumerable.Range(0, scores.Length)
                .OrderByDescending(node => scores[node])
                .ThenBy(Graph.NodeId, StringComparer.Ordinal)
                .Take(limit)
                .Select((node, index) => new ScoredNode(index + 1, Graph.Node(node), scores[node])),
        ];
}

/// <summary>Which degree orders a degree ranking.</summary>
public enum DegreeOrder
{
    Total,
    In,
    Out,
}

/// <summary>The pattern a pattern search looks for.</summary>
public enum PatternKind
{
    SharedTechniques,
    CommonTargets,
    Triangles,
}
