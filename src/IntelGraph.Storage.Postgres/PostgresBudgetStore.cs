using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresBudgetStore(PostgresDatabase database, TimeProvider timeProvider) : IBudgetStore
{
    public async Task<QueryBudget?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT max_ms, max_rows FROM budgets WHERE tenant = @tenant;").WithText("tenant", tenant.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new QueryBudget(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public async Task SetAsync(TenantId tenant, QueryBudget budget, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO budgets (tenant, max_ms, max_rows, updated_at) VALUES (@tenant, @ms, @rows, @updatedAt) "
            + "ON CONFLICT (tenant) DO UPDATE SET max_ms = excluded.max_ms, max_rows = excluded.max_rows, updated_at = excluded.updated_at;")
            .WithText("tenant", tenant.Value)
            .With("ms", budget.MaxMilliseconds)
            .With("rows", budget.MaxRows)
            .WithText("updatedAt", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
