using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics;

/// <summary>The analyses that <see cref="AnalyticsRunner"/> runs.</summary>
public enum AnalysisKind
{
    PageRank,
    Degree,
    Betweenness,
    Communities,
    Path,
    KHop,
    Patterns,
}

/// <summary>One analysis with its parameters, as the CLI and the HTTP API both take it.</summary>
public sealed record AnalyticsRequest(AnalysisKind Kind)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 10_000;
    public const int DefaultDepth = 2;
    public const int DefaultExplainTop = 10;

    /// <summary>The number of results listed: nodes of a ranking, communities, neighbourhood nodes or pattern matches.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The entity whose score or community is explained, or where a k-hop search starts.</summary>
    public string? Node { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public int Depth { get; init; } = DefaultDepth;

    public EdgeDirection Direction { get; init; } = EdgeDirection.Any;

    /// <summary>Source nodes for sampled betweenness; null lets the graph size decide.</summary>
    public int? Sample { get; init; }

    public int Seed { get; init; } = Algorithms.BetweennessCentrality.DefaultSeed;

    public double Damping { get; init; } = Algorithms.PageRank.DefaultDamping;

    public DegreeOrder Order { get; init; } = DegreeOrder.Total;

    public PatternKind Pattern { get; init; } = PatternKind.SharedTechniques;

    public int MinShared { get; init; } = 1;

    /// <summary>Whether to add an explanation; callers check the <c>enableXAI</c> flag before setting it.</summary>
    public bool Explain { get; init; }

    /// <summary>An edge id to remove for a counterfactual rerun, or null.</summary>
    public string? WithoutEdge { get; init; }
}

/// <param name="Result">The analysis report, such as a <see cref="Reports.RankingReport"/>.</param>
/// <param name="Explanation">Null unless the request asked for one.</param>
/// <param name="Counterfactual">Null unless the request named an edge to remove.</param>
public sealed record AnalyticsResponse(string Analysis, object Result, object? Explanation, object? Counterfactual);
