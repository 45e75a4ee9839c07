namespace IntelGraph.Cypher.Planning;

/// <summary>What a query is expected to cost before it runs.</summary>
/// <param name="RowsTouched">Nodes and relationships the query is expected to read, plus the rows that UNWIND produces.</param>
/// <param name="RowsReturned">The rows the query is expected to return.</param>
/// <param name="Milliseconds">The expected run time under the <see cref="QueryCostModel"/> used.</param>
public sealed record QueryCostEstimate(long RowsTouched, long RowsReturned, long Milliseconds);

/// <summary>
/// Turns rows into time. The defaults were measured with the engine on the MITRE ATT&amp;CK for ICS graph
/// on a two-core server (see docs/cypher.md), and a deployment may calibrate its own.
/// </summary>
/// <param name="FixedMilliseconds">The cost of parsing and planning, paid once per query.</param>
/// <param name="MillisecondsPerThousandRows">The cost of touching a thousand rows.</param>
public sealed record QueryCostModel(double FixedMilliseconds, double MillisecondsPerThousandRows)
{
    public static QueryCostModel Default { get; } = new(1, 2);

    public long ToMilliseconds(double rowsTouched) =>
        (long)Math.Ceiling(Math.Min(long.MaxValue / 2.0, FixedMilliseconds + (rowsTouched / 1000.0 * MillisecondsPerThousandRows)));
}

/// <summary>What a query run is granted; the engine stops a run that goes past either limit.</summary>
/// <param name="MaxRowsTouched">The nodes and relationships the run may read.</param>
/// <param name="MaxDuration">How long the run may take.</param>
public sealed record QueryLimits(long MaxRowsTouched, TimeSpan MaxDuration);
