using IntelGraph.Core;

namespace IntelGraph.Governance.Storage;

/// <summary>The query budget of each tenant.</summary>
public interface IBudgetStore
{
    Task<QueryBudget?> FindAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Sets the tenant's budget, replacing any earlier one.</summary>
    Task SetAsync(TenantId tenant, QueryBudget budget, CancellationToken cancellationToken);

    /// <summary>Returns the budget the tenant set for cases of one severity, or null when it set none.</summary>
    Task<QueryBudget?> FindForSeverityAsync(TenantId tenant, string severity, CancellationToken cancellationToken);

    /// <summary>Sets the budget for the tenant's cases of one severity, replacing any earlier one.</summary>
    Task SetForSeverityAsync(TenantId tenant, string severity, QueryBudget budget, CancellationToken cancellationToken);
}
