using System.Runtime.CompilerServices;
using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams <c>claim_ids.txt</c>: one claim id a line, in ledger order. A byte-order mark and CRLF or CR line
/// ends are accepted and blank lines are skipped. Only a failure to open or read the file raises, as
/// <see cref="InvalidInputException"/>.
/// </summary>
public sealed class ClaimIdsFileReader(ExportFile file)
{
    public async IAsyncEnumerable<SourceRecord<string>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = file.OpenText();
        long line = 0;
        while (await ReadLineAsync(text, cancellationToken).ConfigureAwait(false) is { } content)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            yield return ToRecord(content, new SourceLocation(file.RelativePath, line));
        }
    }

    private static SourceRecord<string> ToRecord(string content, SourceLocation location)
    {
        if (content.Contains(DecodedText.ReplacementCharacter))
        {
            return SourceRecord<string>.Unparsable(location, content, recordId: null, DecodedText.InvalidUtf8Detail);
        }

        if (content.Contains(DecodedText.ByteOrderMark))
        {
            return SourceRecord<string>.Unparsable(location, content, recordId: null, DecodedText.ByteOrderMarkDetail);
        }

        // Ids are compared byte for byte with the claims, so surrounding white space is reported rather than trimmed.
        if (char.IsWhiteSpace(content[0]) || char.IsWhiteSpace(content[^1]))
        {
            return SourceRecord<string>.Unparsable(
                location, content, content.Trim(), $"The claim id '{content}' has white space before or after it, which no claim id has.");
        }

        return SourceRecord<string>.Parsed(content, location, content, content);
    }

    private async ValueTask<string?> ReadLineAsync(StreamReader text, CancellationToken cancellationToken)
    {
        try
        {
            return await text.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw file.ReadFailed(exception);
        }
    }
}
