namespace IntelGraph.Governance;

/// <summary>How much one graph query of a tenant may cost before it is denied.</summary>
/// <param name="MaxMilliseconds">The estimated run time allowed, in milliseconds.</param>
/// <param name="MaxRows">The estimated rows touched allowed.</param>
public sealed record QueryBudget(long MaxMilliseconds, long MaxRows)
{
    /// <summary>The budget a migrated tenant starts with: 2500 ms and 100,000 rows, as the cutover playbook initialises it.</summary>
    public static QueryBudget Default { get; } = new(2500, 100_000);
}
