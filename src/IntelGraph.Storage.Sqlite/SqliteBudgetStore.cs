using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteBudgetStore(SqliteDatabase database, TimeProvider timeProvider) : IBudgetStore
{
    public async Task<QueryBudget?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT max_ms, max_rows FROM budgets WHERE tenant = $tenant;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new QueryBudget(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public async Task SetAsync(TenantId tenant, QueryBudget budget, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO budgets (tenant, max_ms, max_rows, updated_at) VALUES ($tenant, $ms, $rows, $updatedAt) "
            + "ON CONFLICT (tenant) DO UPDATE SET max_ms = excluded.max_ms, max_rows = excluded.max_rows, updated_at = excluded.updated_at;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$ms", budget.MaxMilliseconds);
        command.Parameters.AddWithValue("$rows", budget.MaxRows);
        command.Parameters.AddWithValue("$updatedAt", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
