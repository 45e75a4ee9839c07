using IntelGraph.Cypher.Planning;
using IntelGraph.Governance;

namespace IntelGraph.Querying;

/// <summary>What a query is expected to cost, the budget it is held to, and whether it may run.</summary>
/// <param name="BudgetSource">Where the budget came from: <c>tenant</c>, <c>severity:high</c> (and so on) or <c>default</c>.</param>
public sealed record GraphQueryPlan(QueryCostEstimate Estimate, QueryBudget Budget, string BudgetSource, BudgetDecision Decision)
{
    public bool Allowed => Decision.Allowed;

    /// <summary>A run is granted what the budget allows, not what the estimate predicts, so a low estimate does not stop an honest query.</summary>
    public QueryLimits Limits => new(Budget.MaxRows, TimeSpan.FromMilliseconds(Budget.MaxMilliseconds));
}
