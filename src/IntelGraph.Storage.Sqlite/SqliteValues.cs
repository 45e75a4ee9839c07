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
