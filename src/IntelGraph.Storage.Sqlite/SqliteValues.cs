using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

/// <summary>Conversions between domain values and SQLite columns that every store needs.</summary>
internal static class SqliteValues
{
    public static object DbValue(string? value) => value is null ? DBNull.Value : value;

    public static void BindOrigin(SqliteCommand command, SourceLocation? origin)
    {
        command.Parameters["$originFile"].Value = origin is null ? DBNull.Value : origin.File;
        command.Parameters["$originLine"].Value = origin is null ? DBNull.Value : origin.Line;
    }

    public static SourceLocation? ReadOrigin(SqliteDataReader reader, int fileOrdinal)
    {
        return reader.IsDBNull(fileOrdinal)
            ? null
            : new SourceLocation(reader.GetString(fileOrdinal), reader.GetInt64(fileOrdinal + 1));
    }

    public static string? ReadNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// Returns the bytes as an array that Microsoft.Data.Sqlite can bind. Memory that spans a whole array is
    /// bound as that array, so the common case of one array per record is not copied.
    /// </summary>
    public static byte[] BlobValue(ReadOnlyMemory<byte> bytes)
    {
        if (MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
        {
            return segment.Array;
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// Writes the strings as a JSON array, the form in which one statement takes many ids through <c>json_each</c>.
    /// It is bound as text because SQLite 3.45 and later read a blob argument as their binary JSONB format.
    /// </summary>
    public static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Adds the named parameters once; prepared commands keep them and callers only set values.</summary>
    public static SqliteCommand WithParameters(this SqliteCommand command, params string[] names)
    {
        if (command.Parameters.Count == 0)
        {
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        return command;
    }

    /// <summary>True when SQLite refused the write because of a primary key, unique or foreign key constraint.</summary>
    public static bool IsConstraintViolation(SqliteException exception) => exception.SqliteErrorCode == 19;
}
