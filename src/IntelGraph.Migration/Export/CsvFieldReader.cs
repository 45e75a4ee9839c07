namespace IntelGraph.Migration.Export;

/// <summary>
/// Reads the fields of one well-formed <see cref="CsvRecord"/> by column name and keeps the first problem found,
/// so that a typed reader can read every field and then decide once whether the record parsed.
/// </summary>
internal sealed class CsvFieldReader(CsvRecord record, IReadOnlyList<string> columns)
{
    /// <summary>One sentence on the first field that failed its check, or null while all passed.</summary>
    public string? Problem { get; private set; }

    /// <summary>Returns the field, noting a problem when it is empty or only white space.</summary>
    public string Required(string column)
    {
        var value = record.Fields[IndexOf(column)];
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem ??= $"Column '{column}' is empty, but it is required.";
        }

        return value;
    }

    /// <summary>Returns the field, or null when it is empty or only white space.</summary>
    public string? Optional(string column)
    {
        var value = record.Fields[IndexOf(column)];
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Returns the field as written, noting a problem unless it is an RFC 3339 timestamp.</summary>
    public string Timestamp(string column)
    {
        var value = Required(column);
        if (!string.IsNullOrWhiteSpace(value) && !Rfc3339Timestamp.IsValid(value))
        {
            Problem ??= $"Column '{column}' is '{value}', but it must be an RFC 3339 timestamp such as 2025-06-01T12:00:00Z.";
        }

        return value;
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"The column '{column}' is not one of {string.Join(',', columns)}.", nameof(column));
    }
}
