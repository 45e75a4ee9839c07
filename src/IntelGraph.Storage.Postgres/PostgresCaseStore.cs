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

    /// <summary>Inserts a run of cases with one statement over arrays, skipping taken ids.</summary>
    public async Task<IReadOnlyList<bool>> TryInsertCasesAsync(TenantId tenant, IReadOnlyList<Stored<CaseRecord>> cases, CancellationToken cancellationToken)
    {
        // The rows go in run order, so of two cases with one id the first is stored and the second skipped.
        // NOTE: PostgreSQL inserts the rows in the order the SELECT returns them. The store tests check this, but no clause enforces it.
        return await PostgresValues.InsertRunAsync(
            cases,
            caseRecord => caseRecord.Id,
            () => database.Command(
                "INSERT INTO cases (tenant, id, name, status, owner, severity, origin_file, origin_line) "
                + "SELECT @tenant, c.id, c.name, c.status, c.owner, c.severity, c.origin_file, c.origin_line "
                + "FROM unnest(@ids, @names, @statuses, @owners, @severities, @originFiles, @originLines) WITH ORDINALITY "
                + "AS c(id, name, status, owner, severity, origin_file, origin_line, position) ORDER BY c.position "
                + "ON CONFLICT (tenant, id) DO NOTHING RETURNING id, origin_file, origin_line;")
                .WithText("tenant", tenant.Value)
                .WithTextArray("ids", cases.Select(c => c.Value.Id))
                .WithTextArray("names", cases.Select(c => c.Value.Name))
                .WithTextArray("statuses", cases.Select(c => c.Value.Status))
                .WithNullableTextArray("owners", cases.Select(c => c.Value.Owner))
                .WithNullableTextArray("severities", cases.Select(c => c.Value.Severity))
                .WithOrigins(cases.Select(c => c.Origin)),
            cancellationToken);
    }

    /// <summary>Inserts a run of tasks with one statement over arrays, skipping taken ids and tasks whose case is missing.</summary>
    public async Task<IReadOnlyList<bool>> TryInsertTasksAsync(TenantId tenant, IReadOnlyList<Stored<CaseTask>> tasks, CancellationToken cancellationToken)
    {
        return await PostgresValues.InsertRunAsync(
            tasks,
            task => task.Id,
            () => database.Command(
                "INSERT INTO tasks (tenant, id, case_id, assignee, title, status, updated_at, origin_file, origin_line) "
                + "SELECT @tenant, t.id, t.case_id, t.assignee, t.title, t.status, t.updated_at, t.origin_file, t.origin_line "
                + "FROM unnest(@ids, @caseIds, @assignees, @titles, @statuses, @updatedAts, @originFiles, @originLines) WITH ORDINALITY "
                + "AS t(id, case_id, assignee, title, status, updated_at, origin_file, origin_line, position) "
                + "WHERE EXISTS (SELECT 1 FROM cases AS c WHERE c.tenant = @tenant AND c.id = t.case_id) ORDER BY t.position "
                + "ON CONFLICT (tenant, id) DO NOTHING RETURNING id, origin_file, origin_line;")
                .WithText("tenant", tenant.Value)
                .WithTextArray("ids", tasks.Select(t => t.Value.Id))
                .WithTextArray("caseIds", tasks.Select(t => t.Value.CaseId))
                .WithNullableTextArray("assignees", tasks.Select(t => t.Value.Assignee))
                .WithTextArray("titles", tasks.Select(t => t.Value.Title))
                .WithTextArray("statuses", tasks.Select(t => t.Value.Status))
                .WithTextArray("updatedAts", tasks.Select(t => t.Value.UpdatedAt))
                .WithOrigins(tasks.Select(t => t.Origin)),
            cancellationToken);
    }

    /// <summary>Inserts a run of reports with one statement over arrays, skipping taken ids and reports whose case is missing.</summary>
    public async Task<IReadOnlyList<bool>> TryInsertReportsAsync(TenantId tenant, IReadOnlyList<Stored<ReportMeta>> reports, CancellationToken cancellationToken)
    {
        return await PostgresValues.InsertRunAsync(
            reports,
            report => report.Id,
            () => database.Command(
                "INSERT INTO reports (tenant, id, case_id, title, audience, file_key, origin_file, origin_line) "
                + "SELECT @tenant, r.id, r.case_id, r.title, r.audience, r.file_key, r.origin_file, r.origin_line "
                + "FROM unnest(@ids, @caseIds, @titles, @audiences, @fileKeys, @originFiles, @originLines) WITH ORDINALITY "
                + "AS r(id, case_id, title, audience, file_key, origin_file, origin_line, position) "
                + "WHERE EXISTS (SELECT 1 FROM cases AS c WHERE c.tenant = @tenant AND c.id = r.case_id) ORDER BY r.position "
                + "ON CONFLICT (tenant, id) DO NOTHING RETURNING id, origin_file, origin_line;")
                .WithText("tenant", tenant.Value)
                .WithTextArray("ids", reports.Select(r => r.Value.Id))
                .WithTextArray("caseIds", reports.Select(r => r.Value.CaseId))
                .WithTextArray("titles", reports.Select(r => r.Value.Title))
                .WithNullableTextArray("audiences", reports.Select(r => r.Value.Audience))
                .WithNullableTextArray("fileKeys", reports.Select(r => r.Value.FileKey))
                .WithOrigins(reports.Select(r => r.Origin)),
            cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindExistingCaseIdsAsync(TenantId tenant, IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        if (caseIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        await using var command = database.Command("SELECT id FROM cases WHERE tenant = @tenant AND id = ANY(@ids);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", caseIds);
        return (await command.ReadAllAsync(reader => reader.GetString(0), cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, Stored<CaseTask>>> FindTasksAsync(TenantId tenant, IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0)
        {
            return new Dictionary<string, Stored<CaseTask>>(StringComparer.Ordinal);
        }

        await using var command = database.Command($"SELECT {TaskColumns}, origin_file, origin_line FROM tasks WHERE tenant = @tenant AND id = ANY(@ids);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", taskIds);
        var tasks = await command.ReadAllAsync(reader => new Stored<CaseTask>(ReadTask(reader), PostgresValues.ReadOrigin(reader, 6)), cancellationToken);
        return tasks.ToDictionary(task => task.Value.Id, StringComparer.Ordinal);
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
