using System.Text;

namespace IntelGraph.Migration.Tests.Sample;

/// <summary>One CSV record: its fields and the 1-based line it starts on.</summary>
internal sealed record CsvRow(long Line, string[] Fields);

/// <summary>
/// A strict RFC 4180 reader for checking generated files: quotes only around whole fields, doubled
/// quotes inside them, and every record ending with the one line end the file is expected to use.
/// Anything else raises <see cref="FormatException"/> naming the line.
/// </summary>
internal static class StrictCsv
{
    private static readonly byte[] _byteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Parses a whole file, header included, as the first row.</summary>
    public static List<CsvRow> Parse(byte[] file, bool byteOrderMark, bool crlf)
    {
        bool hasMark = file.AsSpan().StartsWith(_byteOrderMark);
        if (hasMark != byteOrderMark)
        {
            throw new FormatException(byteOrderMark ? "The file does not start with a UTF-8 byte order mark." : "The file starts with an unexpected byte order mark.");
        }

        string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file, hasMark ? 3 : 0, file.Length - (hasMark ? 3 : 0));
        string lineEnd = crlf ? "\r\n" : "\n";
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1;
        long rowLine = 1;
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i = ReadQuoted(text, i + 1, field, ref line);
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"Line {line}: a double quote inside an unquoted field.");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(text, i, lineEnd, 0, lineEnd.Length) != 0)
            {
                throw new FormatException(i >= text.Length
                    ? $"Line {line}: the last record does not end with a line end."
                    : $"Line {line}: expected {(crlf ? "CR LF" : "LF")} or a comma after a field, found U+{(int)text[i]:X4}.");
            }

            i += lineEnd.Length;
            rows.Add(new CsvRow(rowLine, [.. fields]));
            fields.Clear();
            line++;
            rowLine = line;
        }

        return rows;
    }

    /// <summary>Parses a file, checks its header and returns the data rows.</summary>
    public static List<CsvRow> ParseTable(byte[] file, string header, bool byteOrderMark, bool crlf)
    {
        List<CsvRow> rows = Parse(file, byteOrderMark, crlf);
        if (rows.Count == 0 || string.Join(',', rows[0].Fields) != header)
        {
            throw new FormatException($"Expected the header '{header}', found '{(rows.Count == 0 ? "" : string.Join(',', rows[0].Fields))}'.");
        }

        return rows.GetRange(1, rows.Count - 1);
    }

    private static int ReadQuoted(string text, int i, StringBuilder field, ref long line)
    {
        while (true)
        {
            if (i >= text.Length)
            {
                throw new FormatException($"Line {line}: a quoted field is not closed before the end of the file.");
            }

            char c = text[i++];
            if (c == '"')
            {
                if (i < text.Length && text[i] == '"')
                {
                    field.Append('"');
                    i++;
                    continue;
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"Line {line}: text after the closing quote of a field.");
                }

                return i;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
        }
    }
}
