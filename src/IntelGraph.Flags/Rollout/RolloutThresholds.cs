namespace IntelGraph.Flags.Rollout;

/// <summary>
/// The limits a rollout step must stay within while it soaks; a null limit is not checked. A reading
/// above a limit halts the rollout and reverts the step. The limits follow the server's alert rules.
/// </summary>
/// <param name="GraphQueryP95Milliseconds">The 95th percentile of graph query time over the plan's window, in milliseconds.</param>
/// <param name="PolicyDeniedPercent">The share of authorization decisions that were denials (403) over the plan's window, from 0 to 100.</param>
/// <param name="BudgetDenialsPerHour">The budget denials of any one tenant in the last hour.</param>
/// <param name="WalletRevocationsPerHour">The wallet revocations of all tenants in the last hour.</param>
public sealed record RolloutThresholds(
    double? GraphQueryP95Milliseconds,
    double? PolicyDeniedPercent,
    double? BudgetDenialsPerHour,
    double? WalletRevocationsPerHour)
{
    public static RolloutThresholds None { get; } = new(null, null, null, null);

    public const string GraphQueryP95Field = "graphQueryP95Ms";
    public const string PolicyDeniedPercentField = "policyDeniedPercent";
    public const string BudgetDenialsPerHourField = "budgetDenialsPerHour";
    public const string WalletRevocationsPerHourField = "walletRevocationsPerHour";

    public bool IsEmpty => this == None;
}
