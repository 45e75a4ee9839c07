using IntelGraph.Cases;
using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

/// <summary>The paged listings and in-place updates that the API server needs.</summary>
internal sealed partial class SqliteCaseStore
{
    // SQLite compares TEXT with the BINARY collation, which orders UTF-8 bytes, so "id > $after" pages in id order.
    // NOTE: tasks and reports have no index on (tenant, case_id), so listing one case's tasks scans the tenant's tasks.
    public async Task<IReadOnlyList<CaseRecord>> ListCasesAsync(TenantId tenant, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT id, name, status, owner, severity FROM cases WHERE tenant = $tenant AND id > $after ORDER BY id LIMIT $limit;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$after", afterId ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);

        var records = new List<CaseRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new CaseRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadNullableString(reader, 3), SqliteValues.ReadNullableString(reader, 4)));
        }

        return records;
    }

    public async Task<bool> UpdateCaseAsync(TenantId tenant, CaseRecord record, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "UPDATE cases SET name = $name, status = $status, owner = $owner, severity = $severity WHERE tenant = $tenant AND id = $id;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$name", record.Name);
        command.Parameters.AddWithValue("$status", record.Status);
        command.Parameters.AddWithValue("$owner", SqliteValues.DbValue(record.Owner));
        command.Parameters.AddWithValue("$severity", SqliteValues.DbValue(record.Severity));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<CaseTask>> ListTasksAsync(TenantId tenant, string caseId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT id, case_id, assignee, title, status, updated_at FROM tasks WHERE tenant = $tenant AND case_id = $caseId AND id > $after ORDER BY id LIMIT $limit;");
        BindListing(command, tenant, caseId, afterId, limit);

        var tasks = new List<CaseTask>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tasks.Add(new CaseTask(
                reader.GetString(0), reader.GetString(1), SqliteValues.ReadNullableString(reader, 2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return tasks;
    }

    public async Task<IReadOnlyList<ReportMeta>> ListReportsAsync(TenantId tenant, string caseId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT id, case_id, title, audience, file_key FROM reports WHERE tenant = $tenant AND case_id = $caseId AND id > $after ORDER BY id LIMIT $limit;");
        BindListing(command, tenant, caseId, afterId, limit);

        var reports = new List<ReportMeta>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(new ReportMeta(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadNullableString(reader, 3), SqliteValues.ReadNullableString(reader, 4)));
        }

        return reports;
    }

    public async Task<bool> UpdateReportAsync(TenantId tenant, ReportMeta report, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "UPDATE reports SET title = $title, audience = $audience, file_key = $fileKey WHERE tenant = $tenant AND id = $id;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$id", report.Id);
        command.Parameters.AddWithValue("$title", report.Title);
        command.Parameters.AddWithValue("$audience", SqliteValues.DbValue(report.Audience));
        command.Parameters.AddWithValue("$fileKey", SqliteValues.DbValue(report.FileKey));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void BindListing(SqliteCommand command, TenantId tenant, string caseId, string? afterId, int limit)
    {
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$caseId", caseId);
        command.Parameters.AddWithValue("$after", afterId ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);
    }
}
