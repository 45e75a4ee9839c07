using System.Runtime.CompilerServices;
using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams the elements of a <c>claims.json</c> file, one JSON array of claim objects, without loading the file.
/// Every element comes out as a <see cref="ClaimSourceRecord"/>, parsed or unparsable. Only a failure to open or
/// read the file raises, as <see cref="InvalidInputException"/>.
/// </summary>
/// <remarks>
/// Memory is one read buffer that grows to hold the largest element, up to about twice
/// <see cref="DefaultMaxElementBytes"/>, plus one array per element for its bytes.
/// </remarks>
public sealed class ClaimsFileReader
{
    /// <summary>The largest element kept whole. A claim is a few kilobytes, so a larger element is almost surely damage.</summary>
    public const int DefaultMaxElementBytes = 16 * 1024 * 1024;

    private const int DefaultChunkBytes = 256 * 1024;

    private readonly ExportFile _file;
    private readonly int _chunkBytes;
    private readonly int _maxElementBytes;

    public ClaimsFileReader(ExportFile file)
        : this(file, DefaultChunkBytes, DefaultMaxElementBytes)
    {
    }

    /// <summary>Creates a reader with a given read size and element limit, so tests can split elements across tiny reads.</summary>
    internal ClaimsFileReader(ExportFile file, int chunkBytes, int maxElementBytes)
    {
        ArgumentNullException.ThrowIfNull(file);

        _file = file;
        _chunkBytes = chunkBytes;
        _maxElementBytes = maxElementBytes;
    }

    public async IAsyncEnumerable<ClaimSourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = _file.OpenRead();
        var scanner = new ClaimsArrayScanner(_chunkBytes, _maxElementBytes);
        while (true)
        {
            while (scanner.TryReadElement(out var element))
            {
                yield return ToRecord(element);
            }

            if (scanner.IsFinished)
            {
                yield break;
            }

            var read = await ReadChunkAsync(stream, scanner.GetBuffer(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                scanner.Complete();
            }
            else
            {
                scanner.Advance(read);
            }
        }
    }

    private ClaimSourceRecord ToRecord(ScannedElement element)
    {
        var location = new SourceLocation(_file.RelativePath, element.Line);
        if (element.Problem is not null)
        {
            return new ClaimSourceRecord(element.Bytes, location, id: null, hash: null, element.Problem);
        }

        var detail = ClaimElementValidator.Validate(element.Bytes, element.Line, out var id, out var hash);
        return new ClaimSourceRecord(element.Bytes, location, id, hash, detail);
    }

    private async ValueTask<int> ReadChunkAsync(FileStream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw _file.ReadFailed(exception);
        }
    }
}
