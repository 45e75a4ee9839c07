using System.Text;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Stix;

/// <summary>The members of a bundle's root object other than its objects.</summary>
internal sealed record StixBundleEnvelope(string? Id, string? SpecVersion, int ObjectCount);

/// <summary>One element of a bundle's <c>objects</c> array and the line on which it starts.</summary>
/// <param name="Document">The element when it is a JSON object; null for any other JSON value.</param>
/// <param name="TokenType">The element's first token, which identifies the kind of value a non-object element is.</param>
internal sealed record StixBundleElement(JsonDocument? Document, JsonTokenType TokenType, long Line) : IDisposable
{
    public void Dispose() => Document?.Dispose();
}

/// <summary>
/// Reads a STIX bundle file front to back with <see cref="Utf8JsonReader"/>, so that at most one
/// element of <c>objects</c> is parsed into a <see cref="JsonDocument"/> at a time. The file buffer
/// grows only when a single element is larger than it.
/// </summary>
/// <remarks>
/// In envelope mode the elements are skipped token by token and only counted. That pass reads the
/// whole file, so it also finds malformed JSON, a truncated file and root members written after the
/// <c>objects</c> array (ATT&amp;CK writes <c>spec_version</c> last) before anything is stored.
/// </remarks>
internal sealed class StixBundleReader : IAsyncDisposable
{
    internal const int DefaultBufferSize = 64 * 1024;

    private const int BomLength = 3;

    private readonly string _path;
    private readonly FileStream _stream;
    private readonly bool _parseElements;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _isFinalBlock;
    private bool _atFileStart = true;
    private JsonReaderState _state;
    private Phase _phase = Phase.BeforeRoot;

    // Line numbers: _newlinesBeforeLineCursor counts the '\n' bytes of the file before buffer index _lineCursor.
    private int _lineCursor;
    private long _newlinesBeforeLineCursor;

    private string? _type;
    private string? _id;
    private string? _specVersion;
    private bool _hasObjects;
    private int _elementCount;

    private StixBundleReader(string path, FileStream stream, bool parseElements, int bufferSize)
    {
        _path = path;
        _stream = stream;
        _parseElements = parseElements;
        _buffer = new byte[bufferSize];
    }

    private enum Phase
    {
        BeforeRoot,
        InRoot,
        InObjects,
        AfterRoot,
    }

    private enum ReadStep
    {
        Element,
        NeedMoreData,
        End,
    }

    /// <summary>The number of <c>objects</c> elements read so far.</summary>
    public int ElementCount => _elementCount;

    /// <summary>
    /// Reads the whole file without parsing its objects and returns the bundle's root members.
    /// </summary>
    /// <exception cref="InvalidInputException">
    /// The file is missing, is not valid JSON, or is not a STIX 2.0 or 2.1 bundle.
    /// </exception>
    public static async Task<StixBundleEnvelope> ReadEnvelopeAsync(string path, int bufferSize, CancellationToken cancellationToken)
    {
        var reader = Open(path, parseElements: false, bufferSize);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                // Envelope mode returns no elements; the loop ends when the file does.
            }

            return reader.CreateEnvelope();
        }
    }

    /// <summary>Opens the file for reading its <c>objects</c> elements one at a time with <see cref="ReadNextAsync"/>.</summary>
    /// <exception cref="InvalidInputException">The file does not exist.</exception>
    public static StixBundleReader OpenForObjects(string path, int bufferSize) => Open(path, parseElements: true, bufferSize);

    /// <summary>
    /// Returns the next element of <c>objects</c>, which the caller disposes, or null at the end of
    /// the file. In envelope mode it reads to the end and returns null.
    /// </summary>
    /// <exception cref="InvalidInputException">The file is not valid JSON or not shaped like a bundle.</exception>
    public async Task<StixBundleElement?> ReadNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            ReadStep step;
            StixBundleElement? element;
            try
            {
                step = TryReadNext(out element);
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException($"The file '{_path}' is not valid JSON: {ex.Message}", ex);
            }

            switch (step)
            {
                case ReadStep.Element:
                    return element;
                case ReadStep.End:
                    return null;
                case ReadStep.NeedMoreData when _isFinalBlock:
                    throw new InvalidInputException(
                        $"The file '{_path}' ends before its JSON is complete; it may be truncated. Export or download the bundle again.");
                default:
                    await FillBufferAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static StixBundleReader Open(string path, bool parseElements, int bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, BomLength);

        FileStream stream;
        try
        {
            // bufferSize 0 turns off FileStream's own buffer: this class reads in large blocks already.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidInputException($"The STIX bundle file '{path}' was not found. Check the path and try again.", ex);
        }

        return new StixBundleReader(path, stream, parseElements, bufferSize);
    }

    private StixBundleEnvelope CreateEnvelope()
    {
        if (_type is null)
        {
            throw NotABundle("its root object has no \"type\" member");
        }

        if (!string.Equals(_type, "bundle", StringComparison.Ordinal))
        {
            throw NotABundle($"its root object has type '{_type}'");
        }

        if (_specVersion is not null && !StixObjectMapper.IsSupportedSpecVersion(_specVersion))
        {
            throw new InvalidInputException(
                $"The bundle '{_path}' declares spec_version '{_specVersion}', but only STIX 2.0 and 2.1 bundles can be imported.");
        }

        return new StixBundleEnvelope(_id, _specVersion, _elementCount);
    }

    private InvalidInputException NotABundle(string reason) =>
        new($"The file '{_path}' is not a STIX bundle: {reason}. Expected a JSON object with \"type\": \"bundle\" and an \"objects\" array.");

    private async Task FillBufferAsync(CancellationToken cancellationToken)
    {
        // Drop the bytes already read, counting their line ends first so that lines stay absolute.
        AdvanceLineCursor(_start);
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _lineCursor -= _start;
            _start = 0;
        }

        // A full buffer after the shift means one element is larger than the buffer.
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        do
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _isFinalBlock = true;
                break;
            }

            _end += read;
        }
        while (_atFileStart && _end < BomLength);

        // Utf8JsonReader rejects a byte order mark, and some exports start with one.
        if (_atFileStart)
        {
            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = BomLength;
                _lineCursor = BomLength;
            }

            _atFileStart = false;
        }
    }

    private ReadStep TryReadNext(out StixBundleElement? element)
    {
        element = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _isFinalBlock, _state);

        while (true)
        {
            switch (_phase)
            {
                case Phase.BeforeRoot:
                    if (!reader.Read())
                    {
                        return Suspend(ref reader, ReadStep.NeedMoreData);
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw NotABundle($"its root is {DescribeToken(reader.TokenType)}, not an object");
                    }

                    _phase = Phase.InRoot;
                    break;

                case Phase.InRoot:
                    if (!TryReadRootMember(ref reader))
                    {
                        return Suspend(ref reader, ReadStep.NeedMoreData);
                    }

                    break;

                case Phase.InObjects:
                    var lookahead = reader;
                    if (!lookahead.Read())
                    {
                        return Suspend(ref reader, ReadStep.NeedMoreData);
                    }

                    if (lookahead.TokenType == JsonTokenType.EndArray)
                    {
                        reader = lookahead;
                        _phase = Phase.InRoot;
                        break;
                    }

                    var line = LineAt(_start + (int)lookahead.TokenStartIndex);
                    if (!TryReadElement(ref lookahead, line, out element))
                    {
                        return Suspend(ref reader, ReadStep.NeedMoreData);
                    }

                    reader = lookahead;
                    _elementCount++;
                    if (element is not null)
                    {
                        return Suspend(ref reader, ReadStep.Element);
                    }

                    break;

                case Phase.AfterRoot:
                    // Read throws on anything but white space after the root value, so false means the
                    // file contains nothing else. With AllowMultipleValues off, as here, true cannot happen.
                    if (reader.Read())
                    {
                        throw NotABundle("it has more than one JSON value");
                    }

                    return Suspend(ref reader, _isFinalBlock ? ReadStep.End : ReadStep.NeedMoreData);

                default:
                    throw new InvalidOperationException($"Unknown reader phase {_phase}.");
            }
        }
    }

    /// <summary>
    /// Reads one member of the root object, or its end. Returns false, leaving <paramref name="reader"/>
    /// where it was, when the buffer ends inside the member.
    /// </summary>
    private bool TryReadRootMember(ref Utf8JsonReader reader)
    {
        var lookahead = reader;
        if (!lookahead.Read())
        {
            return false;
        }

        if (lookahead.TokenType == JsonTokenType.EndObject)
        {
            reader = lookahead;
            _phase = Phase.AfterRoot;
            return true;
        }

        var isObjects = lookahead.ValueTextEquals("objects"u8);
        var isType = lookahead.ValueTextEquals("type"u8);
        var isId = lookahead.ValueTextEquals("id"u8);
        var isSpecVersion = lookahead.ValueTextEquals("spec_version"u8);
        if (!lookahead.Read())
        {
            return false;
        }

        if (isObjects)
        {
            if (lookahead.TokenType != JsonTokenType.StartArray)
            {
                throw NotABundle($"its \"objects\" member is {DescribeToken(lookahead.TokenType)}, not an array");
            }

            if (_hasObjects)
            {
                throw NotABundle("it has more than one \"objects\" member");
            }

            _hasObjects = true;
            _phase = Phase.InObjects;
            reader = lookahead;
            return true;
        }

        if (lookahead.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            if (!lookahead.TrySkip())
            {
                return false;
            }
        }
        else if (isType)
        {
            _type = ReadScalarText(ref lookahead);
        }
        else if (isId)
        {
            _id = ReadScalarText(ref lookahead);
        }
        else if (isSpecVersion)
        {
            _specVersion = ReadScalarText(ref lookahead);
        }

        reader = lookahead;
        return true;
    }

    private bool TryReadElement(ref Utf8JsonReader reader, long line, out StixBundleElement? element)
    {
        element = null;
        var tokenType = reader.TokenType;

        if (tokenType == JsonTokenType.StartObject && _parseElements)
        {
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                return false;
            }

            element = new StixBundleElement(document, tokenType, line);
            return true;
        }

        if ((tokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && !reader.TrySkip())
        {
            return false;
        }

        if (_parseElements)
        {
            element = new StixBundleElement(null, tokenType, line);
        }

        return true;
    }

    private ReadStep Suspend(ref Utf8JsonReader reader, ReadStep step)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return step;
    }

    /// <summary>Returns the 1-based line of the byte at <paramref name="bufferIndex"/>, which never lies before an index asked for earlier.</summary>
    private long LineAt(int bufferIndex)
    {
        AdvanceLineCursor(bufferIndex);
        return _newlinesBeforeLineCursor + 1;
    }

    private void AdvanceLineCursor(int bufferIndex)
    {
        if (bufferIndex > _lineCursor)
        {
            _newlinesBeforeLineCursor += _buffer.AsSpan(_lineCursor, bufferIndex - _lineCursor).Count((byte)'\n');
            _lineCursor = bufferIndex;
        }
    }

    private static string ReadScalarText(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);

    internal static string DescribeToken(JsonTokenType tokenType) => tokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => tokenType.ToString(),
    };
}
