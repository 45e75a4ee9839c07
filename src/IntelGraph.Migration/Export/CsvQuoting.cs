namespace IntelGraph.Migration.Export;

/// <summary>
/// Checks a record's raw text against RFC 4180's quoting rules. Sep splits records leniently (it pairs quotes
/// wherever they are), so a stray quote could otherwise pass as data or pull the next lines into one field.
/// </summary>
internal static class CsvQuoting
{
    /// <summary>Returns why <paramref name="record"/> breaks the quoting rules, or null when it follows them.</summary>
    public static string? FindProblem(ReadOnlySpan<char> record, IReadOnlyList<string> columns)
    {
        var field = 0;
        var position = 0;
        while (true)
        {
            if (position < record.Length && record[position] == '"')
            {
                position = SkipQuotedField(record, position + 1);
                if (position < 0)
                {
                    return $"Field {Name(field, columns)} opens a quote that is never closed, so the lines after it were read into this record.";
                }

                if (position == record.Length)
                {
                    return null;
                }

                if (record[position] != ',')
                {
                    return $"Field {Name(field, columns)} has text after its closing quote, but RFC 4180 allows only a comma or the end of the record there.";
                }
            }
            else
            {
                var stop = record[position..].IndexOfAny(',', '"');
                if (stop < 0)
                {
                    return null;
                }

                position += stop;
                if (record[position] == '"')
                {
                    return $"Field {Name(field, columns)} has a quote inside but does not start with one, and RFC 4180 requires such a field to be enclosed in quotes with its quotes doubled.";
                }
            }

            // The comma after the field.
            position++;
            field++;
        }
    }

    /// <summary>Returns the position after the closing quote of a field whose content starts at <paramref name="position"/>, or -1 when it is never closed.</summary>
    private static int SkipQuotedField(ReadOnlySpan<char> record, int position)
    {
        while (true)
        {
            var quote = record[position..].IndexOf('"');
            if (quote < 0)
            {
                return -1;
            }

            position += quote + 1;
            if (position < record.Length && record[position] == '"')
            {
                // A doubled quote stands for one quote inside the field.
                position++;
                continue;
            }

            return position;
        }
    }

    private static string Name(int field, IReadOnlyList<string> columns) =>
        field < columns.Count ? $"{field + 1} ('{columns[field]}')" : $"{field + 1}";
}
