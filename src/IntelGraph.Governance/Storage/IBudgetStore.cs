using IntelGraph.Core;

namespace IntelGraph.Governance.Storage;

/// <summary>The query budget of each tenant.</summary>
public interface IBudgetStore
{
    Task<QueryBudget?> FindAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Sets the tenant's budget, replacing any earlier one.</summary>
    Task SetAsync(TenantId tenant, QueryBudget budget, CancellationToken cancellationToken);
}
