using System.Globalization;
using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration;
using IntelGraph.Migration.Storage;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresMigrationStore(PostgresDatabase database) : IMigrationStore
{
    private const string QuarantineColumns = "file, line, table_name, record_id, reason, detail, raw_bytes, quarantined_at, resolved_at, record_json";

    public async Task<bool> TryQuarantineAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            $"INSERT INTO quarantine (tenant, {QuarantineColumns}) "
            + "VALUES (@tenant, @file, @line, @table, @recordId, @reason, @detail, @raw, @at, @resolvedAt, @recordJson) ON CONFLICT (tenant, file, line) DO NOTHING;")
            .WithText("tenant", record.Tenant.Value)
            .WithText("file", record.Location.File)
            .With("line", record.Location.Line)
            .WithText("table", record.Table)
            .WithText("recordId", WithoutNul(record.RecordId))
            .WithText("reason", record.Reason)
            .WithText("detail", WithoutNul(record.Detail))
            .With("raw", record.RawBytes ?? Encoding.UTF8.GetBytes(record.RawText))
            .WithText("at", FormatTime(record.QuarantinedAt))
            .WithText("resolvedAt", record.ResolvedAt is { } resolvedAt ? FormatTime(resolvedAt) : null)
            .WithText("recordJson", WithoutNul(record.RecordJson));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<QuarantinedRecord?> FindQuarantinedAsync(TenantId tenant, SourceLocation location, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {QuarantineColumns} FROM quarantine WHERE tenant = @tenant AND file = @file AND line = @line;")
            .WithText("tenant", tenant.Value).WithText("file", location.File).With("line", location.Line);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadQuarantined(tenant, reader) : null;
    }

    public async Task<IReadOnlyList<QuarantinedRecord>> ListQuarantinedAsync(TenantId tenant, bool includeResolved, CancellationToken cancellationToken)
    {
        var filter = includeResolved ? string.Empty : " AND resolved_at IS NULL";
        await using var command = database.Command($"SELECT {QuarantineColumns} FROM quarantine WHERE tenant = @tenant{filter} ORDER BY file, line;")
            .WithText("tenant", tenant.Value);

        var records = new List<QuarantinedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(ReadQuarantined(tenant, reader));
        }

        return records;
    }

    public async Task MarkResolvedAsync(TenantId tenant, SourceLocation location, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "UPDATE quarantine SET resolved_at = @resolvedAt WHERE tenant = @tenant AND file = @file AND line = @line AND resolved_at IS NULL;")
            .WithText("resolvedAt", FormatTime(resolvedAt))
            .WithText("tenant", tenant.Value)
            .WithText("file", location.File)
            .With("line", location.Line);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordAppliedAsync(AppliedExport applied, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO applied_exports (tenant, part, export_root, applied_at) VALUES (@tenant, @part, @root, @at) ON CONFLICT (tenant, part) DO NOTHING;")
            .WithText("tenant", applied.Tenant.Value)
            .WithText("part", applied.Part)
            .WithText("root", applied.ExportRoot)
            .WithText("at", FormatTime(applied.AppliedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AppliedExport>> ListAppliedAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT part, export_root, applied_at FROM applied_exports WHERE tenant = @tenant ORDER BY seq;")
            .WithText("tenant", tenant.Value);

        var applied = new List<AppliedExport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedExport(tenant, reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2))));
        }

        return applied;
    }

    private static QuarantinedRecord ReadQuarantined(TenantId tenant, NpgsqlDataReader reader)
    {
        var rawBytes = reader.GetFieldValue<byte[]>(6);
        var resolvedAt = reader.IsDBNull(8) ? (DateTimeOffset?)null : ParseTime(reader.GetString(8));
        return new QuarantinedRecord(
            tenant,
            reader.GetString(2),
            PostgresValues.ReadNullableString(reader, 3),
            reader.GetString(4),
            reader.GetString(5),
            new SourceLocation(reader.GetString(0), reader.GetInt64(1)),
            Encoding.UTF8.GetString(rawBytes),
            ParseTime(reader.GetString(7)),
            PostgresValues.ReadNullableString(reader, 9),
            resolvedAt)
        {
            RawBytes = rawBytes,
        };
    }

    /// <summary>
    /// PostgreSQL text cannot hold NUL characters. The descriptive columns show them as U+2400 (␀); the record's
    /// exact bytes are kept in raw_bytes, so nothing of the source is lost.
    /// </summary>
    private static string? WithoutNul(string? value) => value?.Replace('\0', '\u2400');

    private static string FormatTime(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public async Task<IReadOnlyList<LedgerPosition>> ReadUnsealedClaimsAsync(
        TenantId tenant, string originFile, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT c.seq, c.id FROM claims AS c WHERE c.tenant = @tenant AND c.origin_file = @originFile AND c.seq > @after "
            + "AND NOT EXISTS (SELECT 1 FROM manifest_leaves AS l WHERE l.tenant = c.tenant AND l.claim_id = c.id) ORDER BY c.seq LIMIT @limit;")
            .WithText("tenant", tenant.Value).WithText("originFile", originFile).With("after", afterSequence).With("limit", limit);

        return await command.ReadAllAsync(reader => new LedgerPosition(reader.GetInt64(0), reader.GetString(1)), cancellationToken);
    }
}
