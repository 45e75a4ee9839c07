using System.Buffers;
using System.Text;
using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// Writes one RFC 4180 CSV file: a header and then rows, quoting a field only when it contains a
/// comma, a double quote or a line break. Tracks the line each row starts on, because a quoted line
/// break makes a row span several lines.
/// </summary>
internal sealed class CsvTableWriter : IDisposable
{
    private static readonly SearchValues<char> _charactersNeedingQuotes = SearchValues.Create(",\"\r\n");

    private readonly StreamWriter _writer;
    private readonly string _relativePath;
    private long _nextLine = 1;

    /// <param name="relativePath">The file's path relative to the export's root, with '/' separators, for <see cref="SourceLocation"/>.</param>
    public CsvTableWriter(string exportRoot, string relativePath, string header, bool byteOrderMark, bool crlf)
    {
        _relativePath = relativePath;
        string path = Path.Combine(exportRoot, relativePath);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark), bufferSize: 1 << 16)
        {
            NewLine = crlf ? "\r\n" : "\n",
        };

        _writer.WriteLine(header);
        _nextLine = 2;
    }

    /// <summary>Data rows written, not counting the header.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row and returns the 1-based line it starts on.</summary>
    public long WriteRow(params ReadOnlySpan<string> fields)
    {
        long line = _nextLine;
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteField(fields[i]);
        }

        _writer.WriteLine();
        _nextLine++;
        Rows++;
        return line;
    }

    public SourceLocation Location(long line) => new(_relativePath, line);

    public void Dispose() => _writer.Dispose();

    private void WriteField(string field)
    {
        if (field.AsSpan().IndexOfAny(_charactersNeedingQuotes) < 0)
        {
            _writer.Write(field);
            return;
        }

        _writer.Write('"');
        _writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');

        // A quoted CR LF or LF continues the record on the next physical line.
        _nextLine += field.AsSpan().Count('\n');
    }
}
