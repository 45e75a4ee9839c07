using IntelGraph.Cases;
using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

internal sealed partial class SqliteCaseStore(SqliteDatabase database) : ICaseStore
{
    public async Task<Stored<CaseRecord>?> FindCaseAsync(TenantId tenant, string caseId, CancellationToken cancellationToken)
    {
        var command = database.Prepared("SELECT id, name, status, owner, origin_file, origin_line, severity FROM cases WHERE tenant = $tenant AND id = $id;")
            .WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = caseId;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var record = new CaseRecord(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadNullableString(reader, 3), SqliteValues.ReadNullableString(reader, 6));
        return new Stored<CaseRecord>(record, SqliteValues.ReadOrigin(reader, 4));
    }

    public async Task InsertCaseAsync(TenantId tenant, CaseRecord record, SourceLocation? origin, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "INSERT INTO cases (tenant, id, name, status, owner, origin_file, origin_line, severity) VALUES ($tenant, $id, $name, $status, $owner, $originFile, $originLine, $severity);")
            .WithParameters("$tenant", "$id", "$name", "$status", "$owner", "$originFile", "$originLine", "$severity");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = record.Id;
        command.Parameters["$name"].Value = record.Name;
        command.Parameters["$status"].Value = record.Status;
        command.Parameters["$owner"].Value = SqliteValues.DbValue(record.Owner);
        command.Parameters["$severity"].Value = SqliteValues.DbValue(record.Severity);
        SqliteValues.BindOrigin(command, origin);

        await ExecuteInsertAsync(command, $"Case '{record.Id}' already exists in tenant '{tenant}'.", cancellationToken);
    }

    public async Task<Stored<CaseTask>?> FindTaskAsync(TenantId tenant, string taskId, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "SELECT id, case_id, assignee, title, status, updated_at, origin_file, origin_line FROM tasks WHERE tenant = $tenant AND id = $id;")
            .WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = taskId;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var task = new CaseTask(
            reader.GetString(0), reader.GetString(1), SqliteValues.ReadNullableString(reader, 2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
        return new Stored<CaseTask>(task, SqliteValues.ReadOrigin(reader, 6));
    }

    public Task InsertTaskAsync(TenantId tenant, CaseTask task, SourceLocation? origin, CancellationToken cancellationToken) =>
        WriteTaskAsync(
            "INSERT INTO tasks (tenant, id, case_id, assignee, title, status, updated_at, origin_file, origin_line) VALUES ($tenant, $id, $caseId, $assignee, $title, $status, $updatedAt, $originFile, $originLine);",
            tenant,
            task,
            origin,
            $"Task '{task.Id}' was not stored in tenant '{tenant}': its id exists or case '{task.CaseId}' does not.",
            cancellationToken);

    public Task ReplaceTaskAsync(TenantId tenant, CaseTask task, SourceLocation? origin, CancellationToken cancellationToken) =>
        WriteTaskAsync(
            "UPDATE tasks SET case_id = $caseId, assignee = $assignee, title = $title, status = $status, updated_at = $updatedAt, origin_file = $originFile, origin_line = $originLine WHERE tenant = $tenant AND id = $id;",
            tenant,
            task,
            origin,
            $"Task '{task.Id}' was not updated in tenant '{tenant}': case '{task.CaseId}' does not exist.",
            cancellationToken);

    public async Task<Stored<ReportMeta>?> FindReportAsync(TenantId tenant, string reportId, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "SELECT id, case_id, title, audience, file_key, origin_file, origin_line FROM reports WHERE tenant = $tenant AND id = $id;")
            .WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = reportId;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var report = new ReportMeta(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadNullableString(reader, 3), SqliteValues.ReadNullableString(reader, 4));
        return new Stored<ReportMeta>(report, SqliteValues.ReadOrigin(reader, 5));
    }

    public async Task InsertReportAsync(TenantId tenant, ReportMeta report, SourceLocation? origin, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "INSERT INTO reports (tenant, id, case_id, title, audience, file_key, origin_file, origin_line) VALUES ($tenant, $id, $caseId, $title, $audience, $fileKey, $originFile, $originLine);")
            .WithParameters("$tenant", "$id", "$caseId", "$title", "$audience", "$fileKey", "$originFile", "$originLine");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = report.Id;
        command.Parameters["$caseId"].Value = report.CaseId;
        command.Parameters["$title"].Value = report.Title;
        command.Parameters["$audience"].Value = SqliteValues.DbValue(report.Audience);
        command.Parameters["$fileKey"].Value = SqliteValues.DbValue(report.FileKey);
        SqliteValues.BindOrigin(command, origin);

        await ExecuteInsertAsync(command, $"Report '{report.Id}' was not stored in tenant '{tenant}': its id exists or case '{report.CaseId}' does not.", cancellationToken);
    }

    public async Task<CaseCounts> CountAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT (SELECT COUNT(*) FROM cases WHERE tenant = $tenant), (SELECT COUNT(*) FROM tasks WHERE tenant = $tenant), (SELECT COUNT(*) FROM reports WHERE tenant = $tenant);");
        command.Parameters.AddWithValue("$tenant", tenant.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CaseCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private async Task WriteTaskAsync(string sql, TenantId tenant, CaseTask task, SourceLocation? origin, string failure, CancellationToken cancellationToken)
    {
        var command = database.Prepared(sql)
            .WithParameters("$tenant", "$id", "$caseId", "$assignee", "$title", "$status", "$updatedAt", "$originFile", "$originLine");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = task.Id;
        command.Parameters["$caseId"].Value = task.CaseId;
        command.Parameters["$assignee"].Value = SqliteValues.DbValue(task.Assignee);
        command.Parameters["$title"].Value = task.Title;
        command.Parameters["$status"].Value = task.Status;
        command.Parameters["$updatedAt"].Value = task.UpdatedAt;
        SqliteValues.BindOrigin(command, origin);

        await ExecuteInsertAsync(command, failure, cancellationToken);
    }

    private static async Task ExecuteInsertAsync(SqliteCommand command, string failure, CancellationToken cancellationToken)
    {
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteValues.IsConstraintViolation(ex))
        {
            throw new StoreException(failure, ex);
        }
    }
}
