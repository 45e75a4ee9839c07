using System.Text;
using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration;
using IntelGraph.Migration.Storage;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteMigrationStore(SqliteDatabase database) : IMigrationStore
{
    private const string QuarantineColumns = "file, line, table_name, record_id, reason, detail, raw_text, quarantined_at, resolved_at, record_json";

    public async Task<bool> TryQuarantineAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "INSERT INTO quarantine (tenant, file, line, table_name, record_id, reason, detail, raw_text, quarantined_at, resolved_at, record_json) "
            + "VALUES ($tenant, $file, $line, $table, $recordId, $reason, $detail, $raw, $at, $resolvedAt, $recordJson) ON CONFLICT (tenant, file, line) DO NOTHING;")
            .WithParameters("$tenant", "$file", "$line", "$table", "$recordId", "$reason", "$detail", "$raw", "$at", "$resolvedAt", "$recordJson");
        command.Parameters["$tenant"].Value = record.Tenant.Value;
        command.Parameters["$file"].Value = record.Location.File;
        command.Parameters["$line"].Value = record.Location.Line;
        command.Parameters["$table"].Value = record.Table;
        command.Parameters["$recordId"].Value = SqliteValues.DbValue(record.RecordId);
        command.Parameters["$reason"].Value = record.Reason;
        command.Parameters["$detail"].Value = record.Detail;
        // Stored as a blob of the exact bytes: SQLite text values end at the first NUL when read back, and a
        // quarantined record must survive whole, NUL bytes and invalid UTF-8 included.
        command.Parameters["$raw"].Value = record.RawBytes ?? Encoding.UTF8.GetBytes(record.RawText);
        command.Parameters["$at"].Value = FormatTime(record.QuarantinedAt);
        command.Parameters["$resolvedAt"].Value = record.ResolvedAt is { } resolvedAt ? FormatTime(resolvedAt) : DBNull.Value;
        command.Parameters["$recordJson"].Value = SqliteValues.DbValue(record.RecordJson);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<QuarantinedRecord?> FindQuarantinedAsync(TenantId tenant, SourceLocation location, CancellationToken cancellationToken)
    {
        var command = database.Prepared($"SELECT {QuarantineColumns} FROM quarantine WHERE tenant = $tenant AND file = $file AND line = $line;")
            .WithParameters("$tenant", "$file", "$line");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$file"].Value = location.File;
        command.Parameters["$line"].Value = location.Line;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadQuarantined(tenant, reader) : null;
    }

    public async Task<IReadOnlyList<QuarantinedRecord>> ListQuarantinedAsync(TenantId tenant, bool includeResolved, CancellationToken cancellationToken)
    {
        var filter = includeResolved ? string.Empty : " AND resolved_at IS NULL";
        await using var command = database.Command($"SELECT {QuarantineColumns} FROM quarantine WHERE tenant = $tenant{filter} ORDER BY file, line;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);

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
            "UPDATE quarantine SET resolved_at = $resolvedAt WHERE tenant = $tenant AND file = $file AND line = $line AND resolved_at IS NULL;");
        command.Parameters.AddWithValue("$resolvedAt", FormatTime(resolvedAt));
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$file", location.File);
        command.Parameters.AddWithValue("$line", location.Line);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordAppliedAsync(AppliedExport applied, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO applied_exports (tenant, part, export_root, applied_at) VALUES ($tenant, $part, $root, $at) ON CONFLICT (tenant, part) DO NOTHING;");
        command.Parameters.AddWithValue("$tenant", applied.Tenant.Value);
        command.Parameters.AddWithValue("$part", applied.Part);
        command.Parameters.AddWithValue("$root", applied.ExportRoot);
        command.Parameters.AddWithValue("$at", FormatTime(applied.AppliedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AppliedExport>> ListAppliedAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT part, export_root, applied_at FROM applied_exports WHERE tenant = $tenant ORDER BY seq;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);

        var applied = new List<AppliedExport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedExport(tenant, reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2))));
        }

        return applied;
    }

    private static QuarantinedRecord ReadQuarantined(TenantId tenant, SqliteDataReader reader)
    {
        var raw = reader.GetValue(6);
        var rawBytes = raw as byte[] ?? Encoding.UTF8.GetBytes((string)raw);
        var resolvedAt = reader.IsDBNull(8) ? (DateTimeOffset?)null : ParseTime(reader.GetString(8));
        return new QuarantinedRecord(
            tenant,
            reader.GetString(2),
            SqliteValues.ReadNullableString(reader, 3),
            reader.GetString(4),
            reader.GetString(5),
            new SourceLocation(reader.GetString(0), reader.GetInt64(1)),
            Encoding.UTF8.GetString(rawBytes),
            ParseTime(reader.GetString(7)),
            SqliteValues.ReadNullableString(reader, 9),
            resolvedAt)
        {
            RawBytes = rawBytes,
        };
    }

    private static string FormatTime(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public Task PrepareBulkImportAsync(CancellationToken cancellationToken) => database.StartBulkImportAsync(cancellationToken);

    public async Task<IReadOnlyList<LedgerPosition>> ReadUnsealedClaimsAsync(
        TenantId tenant, string originFile, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "SELECT c.seq, c.id FROM claims AS c WHERE c.tenant = $tenant AND c.origin_file = $originFile AND c.seq > $after "
            + "AND NOT EXISTS (SELECT 1 FROM manifest_leaves AS l WHERE l.tenant = c.tenant AND l.claim_id = c.id) ORDER BY c.seq LIMIT $limit;")
            .WithParameters("$tenant", "$originFile", "$after", "$limit");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$originFile"].Value = originFile;
        command.Parameters["$after"].Value = afterSequence;
        command.Parameters["$limit"].Value = limit;

        var positions = new List<LedgerPosition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add(new LedgerPosition(reader.GetInt64(0), reader.GetString(1)));
        }

        return positions;
    }
}
