using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using IntelGraph.Core;

namespace IntelGraph.Ledger.Canonical;

/// <summary>
/// One JSON value read into a flat token table, checked against the I-JSON rules that RFC 8785
/// relies on, with every object's members already in canonical order. All input checks run while
/// loading, so writing never rejects input halfway through.
/// </summary>
/// <remarks>
/// Instances keep their buffers and are reused per thread through <see cref="Rent"/> and
/// <see cref="Return"/>, so digesting a stream of claims allocates nothing per claim once warm.
/// </remarks>
internal sealed partial class JcsDocument
{
    /// <summary>
    /// The deepest nesting of arrays and objects accepted. It bounds the writer's recursion, and
    /// Utf8JsonReader rejects anything deeper.
    /// </summary>
    public const int MaxDepth = 64;

    // A thread keeps its instance only while the buffers stay below these sizes, so one huge
    // document does not pin its memory for the life of the thread.
    private const int MaxRetainedTextLength = 1 << 20;
    private const int MaxRetainedTokenCount = 1 << 16;

    private static readonly JsonReaderOptions _readerOptions = new() { MaxDepth = MaxDepth };

    [ThreadStatic]
    private static JcsDocument? _threadInstance;

    private readonly Comparison<int> _compareMemberNames;
    // Token indexes of the arrays and objects still open while reading, outermost first.
    private readonly int[] _openContainers = new int[MaxDepth];
    private int _depth;

    // The input bytes, followed by the decoded text of every string that contained escapes.
    // Tokens refer to their text by offset, so names and values need no copies of their own.
    private byte[] _text = new byte[4096];
    private int _textLength;

    private Token[] _tokens = new Token[256];
    private int _tokenCount;

    // Name tokens of the objects that are still open, innermost object last.
    private int[] _pendingMembers = new int[64];
    private int _pendingMemberCount;

    // Name tokens of every closed object in canonical order. Each object owns one slice.
    private int[] _memberOrder = new int[64];
    private int _memberOrderCount;

    private JcsDocument()
    {
        _compareMemberNames = CompareMemberNames;
    }

    /// <summary>The type of the top-level value: StartObject, StartArray, String, Number, True, False or Null.</summary>
    public JsonTokenType RootType => _tokens[0].Type;

    /// <summary>
    /// An upper bound on the canonical form's length: every input byte plus
    /// <see cref="EcmaScriptNumberFormatter.MaxLength"/> per number. Strings and punctuation never get
    /// longer, so each number is sure to find that many free bytes when it is written.
    /// </summary>
    public int MaxCanonicalLength { get; private set; }

    /// <summary>Takes this thread's cached instance, or a new one if it is in use or was never made.</summary>
    public static JcsDocument Rent()
    {
        JcsDocument document = _threadInstance ?? new JcsDocument();
        _threadInstance = null;
        return document;
    }

    /// <summary>Gives an instance back to this thread's cache unless its buffers grew too large.</summary>
    public static void Return(JcsDocument document)
    {
        if (document._text.Length <= MaxRetainedTextLength && document._tokens.Length <= MaxRetainedTokenCount)
        {
            _threadInstance = document;
        }
    }

    /// <summary>Reads and checks one JSON value, replacing whatever the instance held before.</summary>
    /// <exception cref="InvalidInputException">The text is not UTF-8, not a single JSON value, or not I-JSON.</exception>
    public void Load(ReadOnlySpan<byte> utf8Json)
    {
        _textLength = 0;
        _depth = 0;
        _tokenCount = 0;
        _pendingMemberCount = 0;
        _memberOrderCount = 0;

        ValidateEncoding(utf8Json);

        // Decoding escapes never makes a string longer, so twice the input length has room for the
        // input copy and every decoded string.
        if (utf8Json.Length > Array.MaxLength / 2)
        {
            throw new InvalidInputException(
                $"The JSON text has {utf8Json.Length} bytes, more than the {Array.MaxLength / 2} bytes that can be canonicalized in memory.");
        }

        if (_text.Length < 2 * utf8Json.Length)
        {
            _text = new byte[2 * utf8Json.Length];
        }

        utf8Json.CopyTo(_text);
        _textLength = utf8Json.Length;

        int numberCount = 0;
        try
        {
            numberCount = ReadTokens(utf8Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidInputException(
                $"Invalid JSON at byte offset {ByteOffsetOf(exception, utf8Json)}: {exception.Message}", exception);
        }

        // NOTE: the bound is loose for numbers, so a text of hundreds of megabytes made mostly of
        // short numbers is rejected here even when its canonical form would fit in one array.
        long maxCanonicalLength = utf8Json.Length + ((long)numberCount * EcmaScriptNumberFormatter.MaxLength);
        if (maxCanonicalLength > Array.MaxLength)
        {
            throw new InvalidInputException(
                $"The JSON text has {utf8Json.Length} bytes and {numberCount} numbers, so its canonical form could need "
                + $"{maxCanonicalLength} bytes, more than the largest .NET array ({Array.MaxLength} bytes).");
        }

        MaxCanonicalLength = (int)maxCanonicalLength;
    }

    private static void ValidateEncoding(ReadOnlySpan<byte> utf8Json)
    {
        // U+FEFF is encoded as EF BB BF in UTF-8.
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            throw new InvalidInputException(
                "Invalid JSON at byte offset 0: the text starts with a UTF-8 byte order mark (EF BB BF). "
                + "Remove the mark before canonicalizing, because canonical JSON never contains one.");
        }

        if (Utf8.IsValid(utf8Json))
        {
            return;
        }

        int offset = 0;
        while (Rune.DecodeFromUtf8(utf8Json[offset..], out _, out int consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        throw new InvalidInputException(
            $"Invalid UTF-8 at byte offset {offset}: JSON text must be UTF-8, so the value cannot be canonicalized.");
    }

    /// <summary>Reads every token into the table and returns how many of them are numbers.</summary>
    private int ReadTokens(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, _readerOptions);
        int numberCount = 0;

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    _openContainers[_depth++] = AddToken(reader.TokenType, reader.TokenStartIndex);
                    break;

                case JsonTokenType.EndObject:
                    CloseObject(_openContainers[--_depth]);
                    break;

                case JsonTokenType.EndArray:
                    _tokens[_openContainers[--_depth]].SubtreeEnd = _tokenCount;
                    break;

                case JsonTokenType.PropertyName:
                    int objectIndex = _openContainers[_depth - 1];
                    int nameIndex = AddStringToken(ref reader);
                    _tokens[objectIndex].MemberCount++;
                    AppendGrowing(ref _pendingMembers, ref _pendingMemberCount, nameIndex);
                    break;

                case JsonTokenType.String:
                    AddStringToken(ref reader);
                    break;

                case JsonTokenType.Number:
                    AddNumberToken(ref reader);
                    numberCount++;
                    break;

                case JsonTokenType.True:
                case JsonTokenType.False:
                case JsonTokenType.Null:
                    AddToken(reader.TokenType, reader.TokenStartIndex);
                    break;

                default:
                    throw new InvalidOperationException(
                        $"Utf8JsonReader returned a {reader.TokenType} token, which the reader options exclude.");
            }
        }

        return numberCount;
    }

    private int AddToken(JsonTokenType type, long sourceOffset)
    {
        if (_tokenCount == _tokens.Length)
        {
            Array.Resize(ref _tokens, 2 * _tokens.Length);
        }

        _tokens[_tokenCount] = new Token { Type = type, SourceOffset = (int)sourceOffset };
        return _tokenCount++;
    }

    private int AddStringToken(ref Utf8JsonReader reader)
    {
        int index = AddToken(reader.TokenType, reader.TokenStartIndex);
        ref Token token = ref _tokens[index];
        ReadOnlySpan<byte> raw = reader.ValueSpan;

        // Without escapes the decoded text is the raw content, which is already in _text.
        int contentOffset = token.SourceOffset + 1;
        if (!reader.ValueIsEscaped)
        {
            token.TextStart = contentOffset;
            token.TextLength = raw.Length;
            return index;
        }

        if (!JcsStringCodec.TryUnescape(raw, _text.AsSpan(_textLength), out int decodedLength, out int loneSurrogateIndex))
        {
            int offset = contentOffset + loneSurrogateIndex;
            string escape = Encoding.ASCII.GetString(raw.Slice(loneSurrogateIndex, 6));
            string stringKind = token.Type == JsonTokenType.PropertyName ? "member name" : "string";
            throw new InvalidInputException(
                $"Invalid {stringKind} at byte offset {offset}{DescribeEnclosingMember(index)}: the escape {escape} is a lone surrogate. "
                + "I-JSON (RFC 7493) requires strings to be valid Unicode, so the value cannot be canonicalized.");
        }

        token.TextStart = _textLength;
        token.TextLength = decodedLength;
        _textLength += decodedLength;
        return index;
    }

    private void AddNumberToken(ref Utf8JsonReader reader)
    {
        // The JSON number grammar is a subset of NumberStyles.Float. Since .NET Core 3.0, parsing is
        // IEEE 754 compliant (correctly rounded) and returns an infinity, not an error, on overflow.
        ReadOnlySpan<byte> literal = reader.ValueSpan;
        double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new InvalidInputException(
                $"Number {Encoding.ASCII.GetString(literal)} at byte offset {reader.TokenStartIndex}{DescribeEnclosingMember(_tokenCount)} "
                + "is outside the range of an IEEE 754 double (largest magnitude about 1.8e308). "
                + "RFC 8785 has no form for it, so send such values as JSON strings.");
        }

        int index = AddToken(JsonTokenType.Number, reader.TokenStartIndex);
        _tokens[index].Number = value;
    }

    private void CloseObject(int objectIndex)
    {
        ref Token objectToken = ref _tokens[objectIndex];
        objectToken.SubtreeEnd = _tokenCount;

        int count = objectToken.MemberCount;
        Span<int> members = _pendingMembers.AsSpan(_pendingMemberCount - count, count);
        members.Sort(_compareMemberNames);

        for (int i = 1; i < members.Length; i++)
        {
            if (CompareMemberNames(members[i - 1], members[i]) == 0)
            {
                ThrowDuplicateMember(members[i - 1], members[i]);
            }
        }

        if (_memberOrder.Length < _memberOrderCount + count)
        {
            Array.Resize(ref _memberOrder, Math.Max(2 * _memberOrder.Length, _memberOrderCount + count));
        }

        members.CopyTo(_memberOrder.AsSpan(_memberOrderCount));
        objectToken.MembersStart = _memberOrderCount;
        _memberOrderCount += count;
        _pendingMemberCount -= count;
    }

    private int CompareMemberNames(int leftIndex, int rightIndex) =>
        JcsStringCodec.CompareByUtf16CodeUnits(TextOf(leftIndex), TextOf(rightIndex));

    private ReadOnlySpan<byte> TextOf(int tokenIndex)
    {
        ref readonly Token token = ref _tokens[tokenIndex];
        return _text.AsSpan(token.TextStart, token.TextLength);
    }

    private void ThrowDuplicateMember(int firstIndex, int secondIndex)
    {
        int laterOffset = Math.Max(_tokens[firstIndex].SourceOffset, _tokens[secondIndex].SourceOffset);
        int earlierOffset = Math.Min(_tokens[firstIndex].SourceOffset, _tokens[secondIndex].SourceOffset);
        throw new InvalidInputException(
            $"Duplicate member name \"{Encoding.UTF8.GetString(TextOf(secondIndex))}\" at byte offset {laterOffset} "
            + $"(first at byte offset {earlierOffset}). I-JSON (RFC 7493) forbids duplicate names in an object, "
            + "so the value cannot be canonicalized.");
    }

    /// <summary>
    /// Names the member that contains the token at <paramref name="tokenIndex"/>, as
    /// " in member \"name\"", or returns an empty string at the top level. Only error messages use it.
    /// </summary>
    private string DescribeEnclosingMember(int tokenIndex)
    {
        // A member's value comes right after its name token. Otherwise the token sits in an open
        // container, and the innermost container that is a member's value names the place.
        if (tokenIndex > 0 && _tokens[tokenIndex - 1].Type == JsonTokenType.PropertyName)
        {
            return $" in member \"{Encoding.UTF8.GetString(TextOf(tokenIndex - 1))}\"";
        }

        for (int level = _depth - 1; level >= 0; level--)
        {
            int container = _openContainers[level];
            if (container > 0 && _tokens[container - 1].Type == JsonTokenType.PropertyName)
            {
                return $" in member \"{Encoding.UTF8.GetString(TextOf(container - 1))}\"";
            }
        }

        return string.Empty;
    }

    private static long ByteOffsetOf(JsonException exception, ReadOnlySpan<byte> utf8Json)
    {
        // Utf8JsonReader reports a line (counted by '\n') and a byte position in that line.
        long line = exception.LineNumber ?? 0;
        long offset = 0;
        for (long i = 0; i < line; i++)
        {
            int newline = utf8Json[(int)offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return Math.Min(offset + (exception.BytePositionInLine ?? 0), utf8Json.Length);
    }

    private static void AppendGrowing(ref int[] array, ref int count, int value)
    {
        if (count == array.Length)
        {
            Array.Resize(ref array, 2 * array.Length);
        }

        array[count++] = value;
    }

    private struct Token
    {
        public JsonTokenType Type;

        // Byte offset of the token in the input, used in error messages.
        public int SourceOffset;

        // Names and strings: the decoded UTF-8 text in _text.
        public int TextStart;
        public int TextLength;

        public double Number;

        // Arrays and objects: the index of the first token after the contents.
        public int SubtreeEnd;

        // Objects: the slice of _memberOrder that lists the name tokens in canonical order.
        public int MembersStart;
        public int MemberCount;
    }
}
