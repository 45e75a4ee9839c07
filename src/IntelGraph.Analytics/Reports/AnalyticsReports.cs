using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Reports;

/// <summary>A node and its score in a ranking, with its 1-based position.</summary>
public sealed record ScoredNode(int Position, NodeRef Node, double Score);

/// <summary>The top of a ranking by one score, with what the whole ranking covered.</summary>
/// <param name="Analysis"><c>pagerank</c>, <c>degree</c> or <c>betweenness</c>.</param>
/// <param name="Details">Algorithm facts such as iterations, damping or the number of sampled sources.</param>
public sealed record RankingReport(
    string Analysis,
    int NodeCount,
    int EdgeCount,
    IReadOnlyList<ScoredNode> Items,
    IReadOnlyDictionary<string, object> Details);

/// <summary>A node's degrees: edges in, out, and both together.</summary>
public sealed record DegreeNode(int Position, NodeRef Node, int In, int Out, int Total, double Normalized);

public sealed record DegreeReport(int NodeCount, int EdgeCount, string OrderBy, IReadOnlyList<DegreeNode> Items);

/// <summary>One community: its size, how many members of each type it has, and its first members by id.</summary>
public sealed record CommunitySummary(int Community, int Size, IReadOnlyDictionary<string, int> Types, IReadOnlyList<NodeRef> Members);

/// <param name="Assigned">The number of nodes given a community; it equals <paramref name="NodeCount"/>.</param>
public sealed record CommunityReport(
    int NodeCount,
    int EdgeCount,
    int Count,
    double Modularity,
    int Levels,
    bool Converged,
    int Assigned,
    IReadOnlyList<CommunitySummary> Communities);

/// <summary>One step of a path: the edge walked and the node it leads to. <paramref name="Forward"/> is false when the edge was walked against its direction.</summary>
public sealed record PathStep(EdgeRef Edge, NodeRef To, bool Forward);

public sealed record PathReport(NodeRef From, NodeRef To, string Direction, bool Found, int Hops, IReadOnlyList<PathStep> Steps);

/// <param name="Via">The edge by which the search first reached the node, or null for the start node.</param>
public sealed record NeighbourhoodNode(NodeRef Node, int Distance, EdgeRef? Via);

public sealed record NeighbourhoodReport(NodeRef Start, int Depth, string Direction, bool Truncated, IReadOnlyList<NeighbourhoodNode> Nodes);

/// <summary>One shared item of a pattern match and the edges that tie each of the two actors to it.</summary>
public sealed record SharedItemReport(NodeRef Item, IReadOnlyList<EdgeRef> FirstEdges, IReadOnlyList<EdgeRef> SecondEdges);

/// <summary>A pair of actors that share items, such as techniques or targets.</summary>
public sealed record OverlapReport(NodeRef First, NodeRef Second, int SharedCount, int FirstTotal, int SecondTotal, double Jaccard, IReadOnlyList<SharedItemReport> Shared);

/// <summary>Three nodes joined pairwise, with one edge for each side.</summary>
public sealed record TriangleReport(IReadOnlyList<NodeRef> Nodes, IReadOnlyList<EdgeRef> Edges);

/// <param name="Pattern"><c>shared-techniques</c>, <c>common-targets</c> or <c>triangles</c>.</param>
/// <param name="Total">All matches of the pattern, even those beyond the limit.</param>
public sealed record PatternReport(string Pattern, long Total, IReadOnlyList<OverlapReport> Pairs, IReadOnlyList<TriangleReport> Triangles);
