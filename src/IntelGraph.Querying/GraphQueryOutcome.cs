using IntelGraph.Cypher;

namespace IntelGraph.Querying;

/// <summary>How a query ended.</summary>
public enum GraphQueryStatus
{
    /// <summary>The query ran and <see cref="GraphQueryOutcome.Result"/> contains its rows.</summary>
    Completed,

    /// <summary>The budget denied the query before it ran; <see cref="GraphQueryPlan.Decision"/> gives the reasons.</summary>
    Denied,

    /// <summary>The query started but read more rows or ran longer than it was granted, and was stopped.</summary>
    Stopped,
}

/// <summary>The plan of one query and what came of it.</summary>
/// <param name="StopReason">Why a stopped query was stopped; null otherwise.</param>
/// <param name="RowsTouched">The nodes and relationships the run read; zero when it did not run.</param>
public sealed record GraphQueryOutcome(
    GraphQueryStatus Status,
    GraphQueryPlan Plan,
    CypherResult? Result,
    string? StopReason,
    long RowsTouched,
    TimeSpan Elapsed);
