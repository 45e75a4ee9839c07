using IntelGraph.Cases;
using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresCaseStore(PostgresDatabase database) : ICaseStore
{
    private const string TaskColumns = "id, case_id, assignee, title, status, updated_at";
    private const string ReportColumns = "id, case_id, title, audience, file_key";

    // Inserts check their case this way instead of failing on the foreign key, which would abort the caller's transaction.
    private const string CaseExists = "EXISTS (SELECT 1 FROM cases WHERE tenant = @tenant AND id = @caseId)";

    public async Task<Stored<CaseRecord>?> FindCaseAsync(TenantId tenant, string caseId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT id, name, status, owner, origin_file, origin_line, severity FROM cases WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", caseId);
        return await command.ReadFirstOrDefaultAsync(reader => new Stored<CaseRecord>(ReadCase(reader), PostgresValues.ReadOrigin(reader, 4)), cancellationToken);
    }

    public async Task InsertCaseAsync(TenantId tenant, CaseRecord record, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO cases (tenant, id, name, status, owner, origin_file, origin_line, severity) VALUES (@tenant, @id, @name, @status, @owner, @originFile, @originLine, @severity) "
            + "ON CONFLICT (tenant, id) DO NOTHING;")
            .WithText("tenant", tenant.Value)
            .WithText("id", record.Id)
            .WithText("name", record.Name)
            .WithText("status", record.Status)
            .WithText("owner", record.Owner)
            .WithText("severity", record.Severity)
            .WithOrigin(origin);
        await command.InsertOrThrowAsync($"Case '{record.Id}' already exists in tenant '{tenant}'.", cancellationToken);
    }

    public async Task<Stored<CaseTask>?> FindTaskAsync(TenantId tenant, string taskId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {TaskColumns}, origin_file, origin_line FROM tasks WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", taskId);
        return await command.ReadFirstOrDefaultAsync(reader => new Stored<CaseTask>(ReadTask(reader), PostgresValues.ReadOrigin(reader, 6)), cancellationToken);
    }

    public async Task InsertTaskAsync(TenantId tenant, CaseTask task, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = TaskCommand(
            "INSERT INTO tasks (tenant, id, case_id, assignee, title, status, updated_at, origin_file, origin_line) "
            + "SELECT @tenant, @id, @caseId, @assignee, @title, @status, @updatedAt, @originFile, @originLine "
            + $"WHERE {CaseExists} ON CONFLICT (tenant, id) DO NOTHING;",
            tenant,
            task,
            origin);
        await command.InsertOrThrowAsync($"Task '{task.Id}' was not stored in tenant '{tenant}': its id exists or case '{task.CaseId}' does not.", cancellationToken);
    }

    public async Task ReplaceTaskAsync(TenantId tenant, CaseTask task, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = TaskCommand(
            "UPDATE tasks SET case_id = @caseId, assignee = @assignee, title = @title, status = @status, updated_at = @updatedAt, origin_file = @originFile, origin_line = @originLine "
            + $"WHERE tenant = @tenant AND id = @id AND {CaseExists};",
            tenant,
            task,
            origin);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && await FindCaseAsync(tenant, task.CaseId, cancellationToken) is null)
        {
            throw new StoreException($"Task '{task.Id}' was not updated in tenant '{tenant}': case '{task.CaseId}' does not exist.");
        }
    }

    public async Task<Stored<ReportMeta>?> FindReportAsync(TenantId tenant, string reportId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {ReportColumns}, origin_file, origin_line FROM reports WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", reportId);
        return await command.ReadFirstOrDefaultAsync(reader => new Stored<ReportMeta>(ReadReport(reader), PostgresValues.ReadOrigin(reader, 5)), cancellationToken);
    }

    public async Task InsertReportAsync(TenantId tenant, ReportMeta report, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO reports (tenant, id, case_id, title, audience, file_key, origin_file, origin_line) "
            + "SELECT @tenant, @id, @caseId, @title, @audience, @fileKey, @originFile, @originLine "
            + $"WHERE {CaseExists} ON CONFLICT (tenant, id) DO NOTHING;")
            .WithText("tenant", tenant.Value)
            .WithText("id", report.Id)
            .WithText("caseId", report.CaseId)
            .WithText("title", report.Title)
            .WithText("audience", report.Audience)
            .WithText("fileKey", report.FileKey)
            .WithOrigin(origin);
        await command.InsertOrThrowAsync(
            $"Report '{report.Id}' was not stored in tenant '{tenant}': its id exists or case '{report.CaseId}' does not.", cancellationToken);
    }

    public async Task<CaseCounts> CountAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT (SELECT COUNT(*) FROM cases WHERE tenant = @tenant), (SELECT COUNT(*) FROM tasks WHERE tenant = @tenant), (SELECT COUNT(*) FROM reports WHERE tenant = @tenant);")
            .WithText("tenant", tenant.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CaseCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<CaseRecord>> ListCasesAsync(TenantId tenant, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT id, name, status, owner, origin_file, origin_line, severity FROM cases WHERE tenant = @tenant AND id > @after ORDER BY id LIMIT @limit;")
            .WithText("tenant", tenant.Value).WithText("after", afterId ?? string.Empty).With("limit", limit);
        return await command.ReadAllAsync(ReadCase, cancellationToken);
    }

    public async Task<bool> UpdateCaseAsync(TenantId tenant, CaseRecord record, CancellationToken cancellationToken)
    {
        await using var command = database.Command("UPDATE cases SET name = @name, status = @status, owner = @owner, severity = @severity WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value)
            .WithText("id", record.Id)
            .WithText("name", record.Name)
            .WithText("status", record.Status)
            .WithText("owner", record.Owner)
            .WithText("severity", record.Severity);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<CaseTask>> ListTasksAsync(TenantId tenant, string caseId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            $"SELECT {TaskColumns} FROM tasks WHERE tenant = @tenant AND case_id = @caseId AND id > @after ORDER BY id LIMIT @limit;")
            .WithText("tenant", tenant.Value).WithText("caseId", caseId).WithText("after", afterId ?? string.Empty).With("limit", limit);
        return await command.ReadAllAsync(ReadTask, cancellationToken);
    }

    public async Task<IReadOnlyList<ReportMeta>> ListReportsAsync(TenantId tenant, string caseId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            $"SELECT {ReportColumns} FROM reports WHERE tenant = @tenant AND case_id = @caseId AND id > @after ORDER BY id LIMIT @limit;")
            .WithText("tenant", tenant.Value).WithText("caseId", caseId).WithText("after", afterId ?? string.Empty).With("limit", limit);
        return await command.ReadAllAsync(ReadReport, cancellationToken);
    }

    public async Task<bool> UpdateReportAsync(TenantId tenant, ReportMeta report, CancellationToken cancellationToken)
    {
        await using var command = database.Command("UPDATE reports SET title = @title, audience = @audience, file_key = @fileKey WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value)
            .WithText("id", report.Id)
            .WithText("title", report.Title)
            .WithText("audience", report.Audience)
            .WithText("fileKey", report.FileKey);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private NpgsqlCommand TaskCommand(string sql, TenantId tenant, CaseTask task, SourceLocation? origin) =>
        database.Command(sql)
            .WithText("tenant", tenant.Value)
            .WithText("id", task.Id)
            .WithText("caseId", task.CaseId)
            .WithText("assignee", task.Assignee)
            .WithText("title", task.Title)
            .WithText("status", task.Status)
            .WithText("updatedAt", task.UpdatedAt)
            .WithOrigin(origin);

    // Both case queries select id, name, status, owner, origin_file, origin_line, severity in this order.
    private static CaseRecord ReadCase(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), PostgresValues.ReadNullableString(reader, 3), PostgresValues.ReadNullableString(reader, 6));

    private static CaseTask ReadTask(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), PostgresValues.ReadNullableString(reader, 2), reader.GetString(3), reader.GetString(4), reader.GetString(5));

    private static ReportMeta ReadReport(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), PostgresValues.ReadNullableString(reader, 3), PostgresValues.ReadNullableString(reader, 4));
}
