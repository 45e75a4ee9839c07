using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Querying;

/// <summary>
/// Picks the budget a query is held to: the budget for its case's severity when the query names a case that
/// has a severity and the tenant set a budget for it; else the tenant's budget; else the playbook's default.
/// </summary>
internal static class BudgetSelection
{
    public const string TenantSource = "tenant";
    public const string DefaultSource = "default";

    /// <exception cref="InvalidInputException">The case does not exist in the tenant.</exception>
    public static async Task<(QueryBudget Budget, string Source)> SelectAsync(
        IBudgetStore budgets,
        ICaseStore cases,
        TenantId tenant,
        string? caseId,
        CancellationToken cancellationToken)
    {
        if (caseId is not null)
        {
            var stored = await cases.FindCaseAsync(tenant, caseId, cancellationToken)
                ?? throw new InvalidInputException($"Tenant '{tenant}' has no case with id '{caseId}'. Name an existing case, or leave the case out to use the tenant's budget.");
            if (stored.Value.Severity is { } severity
                && await budgets.FindForSeverityAsync(tenant, severity, cancellationToken) is { } severityBudget)
            {
                return (severityBudget, "severity:" + severity);
            }
        }

        return await budgets.FindAsync(tenant, cancellationToken) is { } tenantBudget
            ? (tenantBudget, TenantSource)
            : (QueryBudget.Default, DefaultSource);
    }
}
