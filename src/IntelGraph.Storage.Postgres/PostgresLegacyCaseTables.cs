using System.Runtime.CompilerServices;
using IntelGraph.Core;
using IntelGraph.Migration.Sources;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>
/// The old pilot's case tables in its PostgreSQL database, as <c>legacy/legacy.sql</c> creates them. Rows are read
/// in <c>guid</c> order, so a row's ordinal, and with it the source location of a quarantined row, is stable.
/// </summary>
public sealed class PostgresLegacyCaseTables : ILegacyCaseTables
{
    private static readonly HashSet<string> KnownTables = new(StringComparer.Ordinal) { "legacy_cases", "legacy_tasks", "legacy_reports" };

    private readonly StoreLocation _location;

    public PostgresLegacyCaseTables(StoreLocation location)
    {
        if (location.Kind != StoreKind.Postgres)
        {
            throw new InvalidInputException($"--legacy-db must name the old pilot's PostgreSQL database (postgres://USER@HOST:PORT/DATABASE), not '{location.Display}'.");
        }

        _location = location;
    }

    public string Description => _location.Display;

    public async IAsyncEnumerable<LegacyRow> ReadAsync(string table, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!KnownTables.Contains(table))
        {
            throw new ArgumentException($"'{table}' is not a legacy case table.", nameof(table));
        }

        // Names come from the fixed lists above and the readers' column lists, never from input, so they may be
        // written into the statement. Timestamps are turned into the CSV export's RFC 3339 form with milliseconds.
        var selected = string.Join(", ", columns.Select(column => column == "updated_at"
            ? "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
            : $"{Quote(column)}::text"));

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {selected} FROM {Quote(table)} ORDER BY guid COLLATE \"C\";", connection);
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
        {
            throw new InvalidInputException(
                $"The legacy database {Description} has no usable table {table} ({ex.MessageText}); load the pilot's legacy/legacy.sql into it first.", ex);
        }

        await using (reader)
        {
            var ordinal = 0L;
            while (await ReadRowAsync(reader, cancellationToken))
            {
                var fields = new string?[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
                }

                yield return new LegacyRow(++ordinal, fields);
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_location.Value);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException)
        {
            await connection.DisposeAsync();
            throw new StoreException($"Cannot read the legacy database {Description}: {ex.Message}", ex);
        }
    }

    private async Task<bool> ReadRowAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresErrors.IsConnectionFailure(ex))
        {
            throw PostgresErrors.Unreachable(_location, ex);
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
