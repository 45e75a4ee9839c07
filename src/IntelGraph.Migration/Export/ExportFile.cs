using System.Text;
using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>One file of a legacy pilot export.</summary>
/// <param name="RootDirectory">The full path of the export's root folder.</param>
/// <param name="RelativePath">
/// The path below <paramref name="RootDirectory"/> with forward slashes, such as <c>deltas/0001/graph/edges.csv</c>.
/// Source locations name the file by this path.
/// </param>
public sealed record ExportFile(string RootDirectory, string RelativePath)
{
    private const int TextBufferBytes = 64 * 1024;

    public string FullPath => Path.Combine(RootDirectory, RelativePath);

    /// <summary>Opens the file for sequential reading, raising <see cref="InvalidInputException"/> when it is missing or unreadable.</summary>
    internal FileStream OpenRead()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,

            // The readers fetch large chunks themselves, so a second buffer inside FileStream would only copy bytes twice.
            BufferSize = 0,
        };

        try
        {
            return new FileStream(FullPath, options);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidInputException(
                $"The export file {FullPath} was not found. Check the export folder or export the tenant again.",
                exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw ReadFailed(exception);
        }
    }

    /// <summary>
    /// Opens the file as UTF-8 text. A byte-order mark is skipped, and bytes that are not valid UTF-8 become U+FFFD
    /// instead of stopping the read, which <see cref="DecodedText"/> explains.
    /// </summary>
    internal StreamReader OpenText() =>
        new(OpenRead(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true, TextBufferBytes);

    /// <summary>Creates the error for an I/O failure while opening or reading the file.</summary>
    internal InvalidInputException ReadFailed(Exception exception) =>
        new($"Failed to read the export file {FullPath}: {exception.Message}", exception);

    public override string ToString() => RelativePath;
}
