using IntelGraph.Core;
using Npgsql;
using NpgsqlTypes;

namespace IntelGraph.Storage.Postgres;

/// <summary>Conversions between domain values and PostgreSQL parameters and columns that every store needs.</summary>
internal static class PostgresValues
{
    public static object DbValue(string? value) => value is null ? DBNull.Value : value;

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string name, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value is null ? DBNull.Value : value });
        return command;
    }

    public static NpgsqlCommand WithTextArray(this NpgsqlCommand command, string name, IEnumerable<string> values)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values as string[] ?? values.ToArray() });
        return command;
    }

    public static NpgsqlCommand WithNullableTextArray(this NpgsqlCommand command, string name, IEnumerable<string?> values)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
        return command;
    }

    /// <summary>Binds the origins of a run of records as the arrays <c>@originFiles</c> and <c>@originLines</c>.</summary>
    public static NpgsqlCommand WithOrigins(this NpgsqlCommand command, IEnumerable<SourceLocation?> origins)
    {
        var list = origins.ToList();
        command.WithNullableTextArray("originFiles", list.Select(origin => origin?.File));
        command.Parameters.Add(new NpgsqlParameter("originLines", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = list.Select(origin => origin?.Line).ToArray() });
        return command;
    }

    /// <summary>
    /// Inserts a run of records with the one statement <paramref name="createCommand"/> builds over their arrays,
    /// and returns, for each record in order, whether it was stored. An empty run sends no statement.
    /// </summary>
    public static async Task<IReadOnlyList<bool>> InsertRunAsync<T>(
        IReadOnlyList<Stored<T>> run, Func<T, string> idOf, Func<NpgsqlCommand> createCommand, CancellationToken cancellationToken)
    {
        if (run.Count == 0)
        {
            return [];
        }

        await using var command = createCommand();
        return await ReadInsertedAsync(command, [.. run.Select(record => (idOf(record.Value), record.Origin))], cancellationToken);
    }

    /// <summary>
    /// Runs an INSERT … RETURNING id, origin_file, origin_line over a run of records and returns, for each record in
    /// order, whether it was stored. A record is matched by its id and origin, because two records of one run may share an id.
    /// </summary>
    public static async Task<IReadOnlyList<bool>> ReadInsertedAsync(NpgsqlCommand command, IReadOnlyList<(string Id, SourceLocation? Origin)> run, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<(string, string?, long?)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((reader.GetString(0), ReadNullableString(reader, 1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
            }
        }

        var stored = new bool[run.Count];
        for (var i = 0; i < run.Count; i++)
        {
            stored[i] = inserted.Remove((run[i].Id, run[i].Origin?.File, run[i].Origin?.Line));
        }

        return stored;
    }

    public static NpgsqlCommand WithOrigin(this NpgsqlCommand command, SourceLocation? origin)
    {
        command.WithText("originFile", origin?.File);
        command.Parameters.Add(new NpgsqlParameter("originLine", NpgsqlDbType.Bigint) { Value = origin is null ? DBNull.Value : origin.Line });
        return command;
    }

    /// <summary>Runs the query and converts every row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs the query and converts its first row with <paramref name="read"/>, or returns null when there is none.</summary>
    public static async Task<T?> ReadFirstOrDefaultAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }

    public static SourceLocation? ReadOrigin(NpgsqlDataReader reader, int fileOrdinal) =>
        reader.IsDBNull(fileOrdinal) ? null : new SourceLocation(reader.GetString(fileOrdinal), reader.GetInt64(fileOrdinal + 1));

    public static string? ReadNullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// Runs an insert written to skip, rather than fail on, a duplicate key or a missing parent row (ON CONFLICT DO
    /// NOTHING, WHERE EXISTS), and throws a <see cref="StoreException"/> with <paramref name="failure"/> when it stored nothing.
    /// A failed statement would abort the caller's whole transaction in PostgreSQL; a skipped one leaves it usable.
    /// </summary>
    public static async Task InsertOrThrowAsync(this NpgsqlCommand command, string failure, CancellationToken cancellationToken)
    {
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new StoreException(failure);
        }
    }
}
