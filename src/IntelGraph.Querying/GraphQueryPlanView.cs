namespace IntelGraph.Querying;

/// <summary>A query plan as JSON shows it, in <c>POST /graph/query</c> responses and <c>intelgraph query --json</c>.</summary>
/// <param name="Decision"><c>allow</c> or <c>deny</c>.</param>
/// <param name="Reasons">Why the budget denies the query, one entry per exceeded limit; empty when allowed.</param>
public sealed record GraphQueryPlanView(EstimateView Estimate, BudgetView Budget, string Decision, IReadOnlyList<string> Reasons)
{
    public static GraphQueryPlanView From(GraphQueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);

        return new GraphQueryPlanView(
            new EstimateView(plan.Estimate.RowsTouched, plan.Estimate.RowsReturned, plan.Estimate.Milliseconds),
            new BudgetView(plan.Budget.MaxMilliseconds, plan.Budget.MaxRows, plan.BudgetSource),
            plan.Allowed ? "allow" : "deny",
            [.. plan.Decision.Violations.Select(violation => violation.Reason)]);
    }
}

/// <param name="Ms">The expected run time in milliseconds.</param>
public sealed record EstimateView(long RowsTouched, long RowsReturned, long Ms);

/// <param name="Source"><c>tenant</c>, <c>severity:low</c>, <c>severity:med</c>, <c>severity:high</c> or <c>default</c>.</param>
public sealed record BudgetView(long Ms, long Rows, string Source);
