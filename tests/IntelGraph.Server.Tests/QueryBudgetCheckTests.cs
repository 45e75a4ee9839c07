using IntelGraph.Governance;

namespace IntelGraph.Server.Tests;

public sealed class QueryBudgetCheckTests
{
    private static readonly QueryBudget Budget = new(2500, 100_000);

    [Fact]
    public void Estimate_at_limit_is_allowed()
    {
        var decision = QueryBudgetCheck.Evaluate(Budget, new QueryEstimate(2500, 100_000));

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Violations);
        Assert.Equal(0, decision.RemainingMilliseconds);
        Assert.Equal(0, decision.RemainingRows);
    }

    [Fact]
    public void Estimate_below_limit_leaves_remainder()
    {
        var decision = QueryBudgetCheck.Evaluate(Budget, new QueryEstimate(1000, 40_000));

        Assert.True(decision.Allowed);
        Assert.Equal(1500, decision.RemainingMilliseconds);
        Assert.Equal(60_000, decision.RemainingRows);
    }

    [Fact]
    public void Each_exceeded_limit_is_a_reason()
    {
        var decision = QueryBudgetCheck.Evaluate(Budget, new QueryEstimate(5000, 2_000_000));

        Assert.False(decision.Allowed);
        Assert.Equal([BudgetLimit.Milliseconds, BudgetLimit.Rows], decision.Violations.Select(violation => violation.Limit));
        Assert.Equal(0, decision.RemainingMilliseconds);
        Assert.Equal(0, decision.RemainingRows);
    }

    [Fact]
    public void Rows_alone_deny()
    {
        var decision = QueryBudgetCheck.Evaluate(Budget, new QueryEstimate(10, 100_001));

        Assert.False(decision.Allowed);
        var violation = Assert.Single(decision.Violations);
        Assert.Equal(BudgetLimit.Rows, violation.Limit);
        Assert.Equal(100_001, violation.Estimated);
        Assert.Equal(100_000, violation.Allowed);
        Assert.Equal(2490, decision.RemainingMilliseconds);
    }

    [Fact]
    public void Negative_estimate_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryBudgetCheck.Evaluate(Budget, new QueryEstimate(-1, 0)));
    }
}
