namespace IntelGraph.Edge;

/// <summary>The side that receives traffic and every switch so far, oldest first.</summary>
public sealed record EdgeState(EdgeSide Active, DateTimeOffset? SwitchedAt, IReadOnlyList<EdgeSwitch> Log)
{
    public static EdgeState Initial { get; } = new(EdgeSide.Blue, null, []);
}

/// <summary>One move of the traffic from one side to the other.</summary>
/// <param name="Kind"><c>switch</c> for <c>intelgraph switch</c>, <c>rollback</c> for <c>intelgraph rollback</c>.</param>
/// <param name="By">Who asked for the move.</param>
public sealed record EdgeSwitch(DateTimeOffset At, EdgeSide From, EdgeSide To, string Kind, string By, string? Reason);
