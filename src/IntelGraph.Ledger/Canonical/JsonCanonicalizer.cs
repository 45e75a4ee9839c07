using System.Buffers;
using System.Text;
using IntelGraph.Core;

namespace IntelGraph.Ledger.Canonical;

/// <summary>
/// Writes JSON in the JSON Canonicalization Scheme of RFC 8785 (JCS): members sorted by the UTF-16
/// code units of their names, no white space, minimal string escaping and ECMAScript number form.
/// </summary>
/// <remarks>
/// Input must be I-JSON (RFC 7493) as RFC 8785 requires, so duplicate member names, lone surrogate
/// escapes and numbers beyond the range of a double are rejected rather than guessed at. So are a
/// UTF-8 byte order mark and nesting deeper than 64 arrays and objects. When the input is rejected,
/// nothing is written.
/// </remarks>
public static class JsonCanonicalizer
{
    // Member names up to this many UTF-8 bytes are encoded on the stack.
    private const int MaxStackNameLength = 256;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the canonical form of one UTF-8 JSON value.</summary>
    /// <exception cref="InvalidInputException">The text is not valid JSON or not I-JSON; the message gives
    /// the byte offset and, where there is one, the member name.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        JcsDocument document = JcsDocument.Rent();
        try
        {
            document.Load(utf8Json);

            byte[] buffer = ArrayPool<byte>.Shared.Rent(document.MaxCanonicalLength);
            int length = document.WriteTo(buffer, excludeTopLevelMember: false, excludedTopLevelName: default);
            byte[] canonical = buffer.AsSpan(0, length).ToArray();
            ArrayPool<byte>.Shared.Return(buffer);
            return canonical;
        }
        finally
        {
            JcsDocument.Return(document);
        }
    }

    /// <summary>
    /// Writes the canonical form of one UTF-8 JSON value to <paramref name="output"/>, leaving out
    /// the top-level member <paramref name="excludedTopLevelMember"/> when the value is an object.
    /// </summary>
    /// <remarks>
    /// The writer is asked for one span of up to the input length plus 25 bytes per number, and
    /// advanced by the canonical length.
    /// </remarks>
    /// <exception cref="InvalidInputException">The text is not valid JSON or not I-JSON; the message gives
    /// the byte offset and, where there is one, the member name.</exception>
    /// <exception cref="ArgumentException"><paramref name="excludedTopLevelMember"/> contains a lone surrogate.</exception>
    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output, string? excludedTopLevelMember = null)
    {
        ArgumentNullException.ThrowIfNull(output);

        int nameLength = excludedTopLevelMember is null ? 0 : _strictUtf8.GetByteCount(excludedTopLevelMember);
        Span<byte> excludedName = nameLength <= MaxStackNameLength ? stackalloc byte[MaxStackNameLength] : new byte[nameLength];
        if (excludedTopLevelMember is not null)
        {
            excludedName = excludedName[.._strictUtf8.GetBytes(excludedTopLevelMember, excludedName)];
        }

        JcsDocument document = JcsDocument.Rent();
        try
        {
            document.Load(utf8Json);

            Span<byte> destination = output.GetSpan(document.MaxCanonicalLength);
            int length = document.WriteTo(destination, excludedTopLevelMember is not null, excludedName);
            output.Advance(length);
        }
        finally
        {
            JcsDocument.Return(document);
        }
    }
}
