namespace IntelGraph.Core;

/// <summary>
/// Where a record came from: a path relative to the export's root (for example
/// <c>deltas/0001/graph/edges.csv</c>) and the 1-based line on which the record starts.
/// </summary>
public sealed record SourceLocation(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}
