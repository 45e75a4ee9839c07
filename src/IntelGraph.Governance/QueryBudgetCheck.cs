namespace IntelGraph.Governance;

/// <summary>The estimated cost of one graph query, as its planner reports it.</summary>
/// <param name="Milliseconds">The estimated run time, in milliseconds.</param>
/// <param name="Rows">The estimated number of rows the query touches.</param>
public sealed record QueryEstimate(long Milliseconds, long Rows);

/// <summary>One limit of a budget that an estimate exceeds.</summary>
/// <param name="Limit">Which limit: <see cref="BudgetLimit.Milliseconds"/> or <see cref="BudgetLimit.Rows"/>.</param>
public sealed record BudgetViolation(string Limit, long Estimated, long Allowed, string Reason);

/// <summary>The names of a budget's limits, as <see cref="BudgetViolation.Limit"/> reports them.</summary>
public static class BudgetLimit
{
    public const string Milliseconds = "ms";
    public const string Rows = "rows";
}

/// <summary>
/// Whether one query fits its tenant's budget. The remaining values are what the budget leaves after
/// this query, never below zero, so a denied query shows which limit is used up.
/// </summary>
public sealed record BudgetDecision(
    bool Allowed,
    IReadOnlyList<BudgetViolation> Violations,
    long RemainingMilliseconds,
    long RemainingRows);

/// <summary>Decides whether a query estimate fits a <see cref="QueryBudget"/>.</summary>
public static class QueryBudgetCheck
{
    /// <summary>
    /// Allows the query when neither estimate is above its limit; an estimate equal to the limit fits.
    /// A denial lists every limit that the estimate exceeds, run time first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An estimate is negative.</exception>
    public static BudgetDecision Evaluate(QueryBudget budget, QueryEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentOutOfRangeException.ThrowIfNegative(estimate.Milliseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(estimate.Rows);

        var violations = new List<BudgetViolation>(2);
        if (estimate.Milliseconds > budget.MaxMilliseconds)
        {
            violations.Add(new BudgetViolation(
                BudgetLimit.Milliseconds,
                estimate.Milliseconds,
                budget.MaxMilliseconds,
                $"The estimated run time of {estimate.Milliseconds} ms exceeds the budget of {budget.MaxMilliseconds} ms."));
        }

        if (estimate.Rows > budget.MaxRows)
        {
            violations.Add(new BudgetViolation(
                BudgetLimit.Rows,
                estimate.Rows,
                budget.MaxRows,
                $"The estimated {estimate.Rows} rows exceed the budget of {budget.MaxRows} rows."));
        }

        return new BudgetDecision(
            violations.Count == 0,
            violations,
            Math.Max(0, budget.MaxMilliseconds - estimate.Milliseconds),
            Math.Max(0, budget.MaxRows - estimate.Rows));
    }
}
