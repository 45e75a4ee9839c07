using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteBudgetStore(SqliteDatabase database, TimeProvider timeProvider) : IBudgetStore
{
    public async Task<QueryBudget?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var command = database.Prepared("SELECT max_ms, max_rows FROM budgets WHERE tenant = $tenant;").WithParameters("$tenant");
        command.Parameters["$tenant"].Value = tenant.Value;

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

    public async Task<QueryBudget?> FindForSeverityAsync(TenantId tenant, string severity, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT max_ms, max_rows FROM severity_budgets WHERE tenant = $tenant AND severity = $severity;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$severity", severity);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new QueryBudget(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public async Task SetForSeverityAsync(TenantId tenant, string severity, QueryBudget budget, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO severity_budgets (tenant, severity, max_ms, max_rows, updated_at) VALUES ($tenant, $severity, $ms, $rows, $updatedAt) "
            + "ON CONFLICT (tenant, severity) DO UPDATE SET max_ms = excluded.max_ms, max_rows = excluded.max_rows, updated_at = excluded.updated_at;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$severity", severity);
        command.Parameters.AddWithValue("$ms", budget.MaxMilliseconds);
        command.Parameters.AddWithValue("$rows", budget.MaxRows);
        command.Parameters.AddWithValue("$updatedAt", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
