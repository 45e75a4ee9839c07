using System.Globalization;
using System.Runtime.CompilerServices;
using IntelGraph.Core;
using nietras.SeparatedValues;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams the records of one CSV file of the export with Sep: comma-separated, RFC 4180 quoting (quoted
/// commas, doubled quotes and line breaks inside quotes), a UTF-8 byte-order mark, and LF, CRLF or CR line ends.
/// The header must name <paramref name="columns"/> in order. Blank lines contain no data and are skipped.
/// </summary>
/// <remarks>
/// A record with the wrong number of fields, broken quoting or invalid UTF-8 comes out with a
/// <see cref="CsvRecord.Problem"/>. A missing file, a read failure, an empty file or a wrong header raises
/// <see cref="InvalidInputException"/>, because then no record of the file can be trusted.
/// NOTE: Sep buffers a whole record, so a quote that is never closed makes the rest of the file one record in memory.
/// </remarks>
internal sealed class CsvFileReader(ExportFile file, IReadOnlyList<string> columns)
{
    private static readonly SepReaderOptions _options = Sep.New(',').Reader(options => options with
    {
        // The header is checked here, so that a mismatch is reported with the expected columns.
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
        CultureInfo = CultureInfo.InvariantCulture,
    });

    /// <summary>Reads the records and parses each one that has no <see cref="CsvRecord.Problem"/> with <paramref name="parse"/>.</summary>
    public async IAsyncEnumerable<SourceRecord<T>> ReadAsync<T>(
        Func<CsvRecord, SourceRecord<T>> parse, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        await foreach (var record in ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return record.Problem is null ? parse(record) : record.Unparsable<T>(record.Problem);
        }
    }

    public async IAsyncEnumerable<CsvRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = file.OpenText();
        using var reader = await OpenAsync(text, cancellationToken).ConfigureAwait(false);
        if (!await MoveNextAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidInputException(
                $"The export file {file.FullPath} is empty, but it must start with the header row '{string.Join(',', columns)}'.");
        }

        CheckHeader(reader.Current);
        while (await MoveNextAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            if (ToRecord(reader.Current) is { } record)
            {
                yield return record;
            }
        }
    }

    private void CheckHeader(SepReader.Row header)
    {
        var rawText = header.Span.ToString();
        var matches = header.ColCount == columns.Count;
        for (var i = 0; matches && i < columns.Count; i++)
        {
            matches = header[i].Span.SequenceEqual(columns[i]);
        }

        if (!matches)
        {
            throw new InvalidInputException(
                $"The header of {file.FullPath} is '{rawText}', but it must be '{string.Join(',', columns)}'. Correct the header row or export the file again.");
        }
    }

    private CsvRecord? ToRecord(SepReader.Row row)
    {
        var span = row.Span;
        if (span.IsEmpty)
        {
            return null;
        }

        // Take the raw text before reading any field, because unescaping rewrites the row's characters in place.
        var rawText = span.ToString();
        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString();
        }

        // Sep 0.18.0 with HasHeader false reports the first row's LineNumberFrom equal to its LineNumberToExcl, but the
        // first row is the header, which is always line 1 and never reaches this method.
        var location = new SourceLocation(file.RelativePath, row.LineNumberFrom);
        return new CsvRecord(fields, rawText, location, FindProblem(rawText, fields.Length));
    }

    private string? FindProblem(string rawText, int fieldCount)
    {
        if (CsvQuoting.FindProblem(rawText, columns) is { } quoting)
        {
            return quoting;
        }

        if (fieldCount != columns.Count)
        {
            return $"The record has {fieldCount} fields, but the header has {columns.Count}: {string.Join(',', columns)}.";
        }

        if (rawText.Contains(DecodedText.ByteOrderMark))
        {
            return DecodedText.ByteOrderMarkDetail;
        }

        return rawText.Contains(DecodedText.ReplacementCharacter) ? DecodedText.InvalidUtf8Detail : null;
    }

    private async ValueTask<SepReader> OpenAsync(StreamReader text, CancellationToken cancellationToken)
    {
        try
        {
            return await _options.FromAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw file.ReadFailed(exception);
        }
    }

    private async ValueTask<bool> MoveNextAsync(SepReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw file.ReadFailed(exception);
        }
    }
}
