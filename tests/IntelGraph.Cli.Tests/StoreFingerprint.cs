using System.Data.Common;
using System.Text;
using IntelGraph.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntelGraph.Cli.Tests;

/// <summary>
/// Every stored fact of a database that a migration decides, as text: two stores with equal
/// fingerprints hold the same data. Timestamps, signatures and keys are left out because they
/// differ between runs by design (ECDSA signatures are randomised).
/// </summary>
internal static class StoreFingerprint
{
    private static readonly string[] Queries =
    [
        "SELECT tenant, id, digest, {hex_body}, origin_file, origin_line FROM claims ORDER BY tenant, id",
        "SELECT tenant, id, root_hash, tree_size FROM manifests ORDER BY seq",
        "SELECT tenant, manifest_id, leaf_index, claim_id, digest FROM manifest_leaves ORDER BY tenant, manifest_id, leaf_index",
        "SELECT tenant, id, label, type, country, created_at, origin_file, origin_line FROM entities ORDER BY tenant, id",
        "SELECT tenant, id, source, target, type, created_at, origin_file, origin_line FROM edges ORDER BY tenant, id",
        "SELECT tenant, id, name, status, owner, origin_file, origin_line FROM cases ORDER BY tenant, id",
        "SELECT tenant, id, case_id, assignee, title, status, updated_at, origin_file, origin_line FROM tasks ORDER BY tenant, id",
        "SELECT tenant, id, case_id, title, audience, file_key, origin_file, origin_line FROM reports ORDER BY tenant, id",
        "SELECT tenant, max_ms, max_rows FROM budgets ORDER BY tenant",
        "SELECT tenant, file, line, table_name, record_id, reason, detail, {raw}, record_json, resolved_at IS NULL FROM quarantine ORDER BY tenant, file, line",
        "SELECT tenant, part FROM applied_exports ORDER BY seq",
    ];

    public static async Task<string> ComputeAsync(string database, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var location = StoreLocation.Resolve(database);
        await using var connection = Connect(location);
        await connection.OpenAsync(cancellationToken);
        foreach (var query in Queries)
        {
            text.AppendLine(query);
            await using var command = connection.CreateCommand();
            command.CommandText = location.Kind == StoreKind.Postgres
                ? query.Replace("{hex_body}", "encode(body, 'hex')", StringComparison.Ordinal).Replace("{raw}", "encode(raw_bytes, 'hex')", StringComparison.Ordinal)
                : query.Replace("{hex_body}", "lower(hex(body))", StringComparison.Ordinal).Replace("{raw}", "lower(hex(raw_text))", StringComparison.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>Returns a single number from the database, or -1 while the table does not exist yet.</summary>
    public static async Task<long> CountAsync(string database, string sql, CancellationToken cancellationToken)
    {
        var location = StoreLocation.Resolve(database);
        if (location.Kind == StoreKind.Sqlite && !File.Exists(location.Value))
        {
            return -1;
        }

        try
        {
            await using var connection = Connect(location);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is SqliteException or PostgresException)
        {
            return -1;
        }
    }

    private static DbConnection Connect(StoreLocation location) => location.Kind == StoreKind.Postgres
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Value) { Pooling = false }.ConnectionString)
        : new SqliteConnection($"Data Source={location.Value};Mode=ReadOnly;Pooling=False");
}
