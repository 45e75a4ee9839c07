using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace IntelGraph.Ledger.Canonical;

/// <summary>
/// String rules of RFC 8785: decoding JSON escapes, writing the minimal escaping, and ordering
/// member names by UTF-16 code units while they are held as UTF-8.
/// </summary>
internal static class JcsStringCodec
{
    // JCS escapes only these: the quote, the backslash and U+0000..U+001F.
    private static readonly SearchValues<byte> _bytesToEscape = SearchValues.Create(CreateBytesToEscape());

    /// <summary>
    /// Decodes the escapes in the raw content of a JSON string (without its quotes) to UTF-8.
    /// The content must already have passed Utf8JsonReader, so every escape is well formed.
    /// </summary>
    /// <param name="destination">At least as long as <paramref name="escaped"/>; decoding never grows text.</param>
    /// <param name="loneSurrogateIndex">On failure, the index in <paramref name="escaped"/> of the escape
    /// that is a surrogate without its pair.</param>
    /// <returns>false if the content escapes a lone surrogate, which I-JSON (RFC 7493) forbids.</returns>
    public static bool TryUnescape(ReadOnlySpan<byte> escaped, Span<byte> destination, out int bytesWritten, out int loneSurrogateIndex)
    {
        int read = 0;
        int written = 0;
        loneSurrogateIndex = -1;

        while (read < escaped.Length)
        {
            int runLength = escaped[read..].IndexOf((byte)'\\');
            if (runLength < 0)
            {
                runLength = escaped.Length - read;
            }

            escaped.Slice(read, runLength).CopyTo(destination[written..]);
            read += runLength;
            written += runLength;
            if (read == escaped.Length)
            {
                break;
            }

            byte escapeLetter = escaped[read + 1];
            if (escapeLetter != (byte)'u')
            {
                destination[written++] = DecodeShortEscape(escapeLetter);
                read += 2;
                continue;
            }

            int escapeStart = read;
            int codeUnit = ReadHexCodeUnit(escaped, read + 2);
            read += 6;

            int codePoint = codeUnit;
            if (char.IsLowSurrogate((char)codeUnit))
            {
                loneSurrogateIndex = escapeStart;
                bytesWritten = written;
                return false;
            }

            if (char.IsHighSurrogate((char)codeUnit))
            {
                // The pair is valid only as a second \u escape right after the first.
                bool lowFollows = read + 6 <= escaped.Length
                    && escaped[read] == (byte)'\\'
                    && escaped[read + 1] == (byte)'u'
                    && char.IsLowSurrogate((char)ReadHexCodeUnit(escaped, read + 2));
                if (!lowFollows)
                {
                    loneSurrogateIndex = escapeStart;
                    bytesWritten = written;
                    return false;
                }

                codePoint = char.ConvertToUtf32((char)codeUnit, (char)ReadHexCodeUnit(escaped, read + 2));
                read += 6;
            }

            written += new Rune(codePoint).EncodeToUtf8(destination[written..]);
        }

        bytesWritten = written;
        return true;
    }

    /// <summary>
    /// Writes UTF-8 text as a quoted JCS string: the quote and backslash get a backslash, U+0008,
    /// U+0009, U+000A, U+000C and U+000D get their short escapes, other control characters become
    /// \u00xx with lowercase hex, and every other character is copied as it is.
    /// </summary>
    /// <param name="destination">Needs 2 + 6 * text.Length bytes at worst.</param>
    /// <returns>The number of bytes written.</returns>
    public static int WriteQuoted(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        int written = 0;
        destination[written++] = (byte)'"';

        int read = 0;
        while (read < text.Length)
        {
            int runLength = text[read..].IndexOfAny(_bytesToEscape);
            if (runLength < 0)
            {
                runLength = text.Length - read;
            }

            text.Slice(read, runLength).CopyTo(destination[written..]);
            read += runLength;
            written += runLength;
            if (read == text.Length)
            {
                break;
            }

            written += WriteEscape(text[read++], destination[written..]);
        }

        destination[written++] = (byte)'"';
        return written;
    }

    /// <summary>
    /// Compares two valid UTF-8 strings in the order of their UTF-16 code units, which is the
    /// member order RFC 8785 prescribes, without transcoding them.
    /// </summary>
    public static int CompareByUtf16CodeUnits(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int common = left.CommonPrefixLength(right);
        if (common == left.Length || common == right.Length)
        {
            return left.Length.CompareTo(right.Length);
        }

        byte leftByte = left[common];
        byte rightByte = right[common];

        // UTF-8 byte order is code point order, and so is UTF-16 order except for one case.
        // Characters from U+10000 up are surrogate pairs (0xD800..0xDFFF) in UTF-16, so they sort
        // before U+E000..U+FFFF there. In UTF-8 those are the lead bytes 0xF0..0xF4 and 0xEE..0xEF.
        // Equal prefixes end on the same character boundary, so both bytes are lead bytes whenever
        // either of them is 0xEE or above.
        bool leftSupplementary = leftByte >= 0xF0;
        bool rightSupplementary = rightByte >= 0xF0;
        if (leftByte >= 0xEE && rightByte >= 0xEE && leftSupplementary != rightSupplementary)
        {
            return leftSupplementary ? -1 : 1;
        }

        return leftByte.CompareTo(rightByte);
    }

    private static byte DecodeShortEscape(byte letter) => letter switch
    {
        (byte)'"' => (byte)'"',
        (byte)'\\' => (byte)'\\',
        (byte)'/' => (byte)'/',
        (byte)'b' => 0x08,
        (byte)'f' => 0x0C,
        (byte)'n' => 0x0A,
        (byte)'r' => 0x0D,
        (byte)'t' => 0x09,
        _ => throw new ArgumentOutOfRangeException(
            nameof(letter), letter, "Invalid JSON escape letter: the text must come from a string token that Utf8JsonReader has validated."),
    };

    private static int ReadHexCodeUnit(ReadOnlySpan<byte> escaped, int start)
    {
        if (!Utf8Parser.TryParse(escaped.Slice(start, 4), out ushort codeUnit, out int consumed, 'x') || consumed != 4)
        {
            throw new ArgumentException(
                "Invalid \\u escape: the text must come from a string token that Utf8JsonReader has validated.", nameof(escaped));
        }

        return codeUnit;
    }

    private static int WriteEscape(byte character, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        byte shortForm = character switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            0x08 => (byte)'b',
            0x09 => (byte)'t',
            0x0A => (byte)'n',
            0x0C => (byte)'f',
            0x0D => (byte)'r',
            _ => 0,
        };

        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }

        destination[1] = (byte)'u';
        destination[2] = (byte)'0';
        destination[3] = (byte)'0';
        destination[4] = LowercaseHexDigits[character >> 4];
        destination[5] = LowercaseHexDigits[character & 0xF];
        return 6;
    }

    private static ReadOnlySpan<byte> LowercaseHexDigits => "0123456789abcdef"u8;

    private static byte[] CreateBytesToEscape()
    {
        var bytes = new byte[0x22];
        for (int i = 0; i < 0x20; i++)
        {
            bytes[i] = (byte)i;
        }

        bytes[0x20] = (byte)'"';
        bytes[0x21] = (byte)'\\';
        return bytes;
    }
}
