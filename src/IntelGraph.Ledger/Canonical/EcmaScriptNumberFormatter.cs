using System.Globalization;
using System.Text;

namespace IntelGraph.Ledger.Canonical;

/// <summary>
/// Formats doubles the way ECMAScript's Number.prototype.toString does (ECMA-262, Number::toString
/// with radix 10), which is the number form RFC 8785 requires.
/// </summary>
/// <remarks>
/// .NET Core 3.0 and later already produce the shortest digit string that round-trips ("R"), so this
/// type only moves the decimal point and chooses between plain and exponent notation.
/// </remarks>
internal static class EcmaScriptNumberFormatter
{
    /// <summary>
    /// The maximum output length in bytes, reached by a negative number with 17 significant digits and
    /// decimal exponent -5, such as "-0.0000012345678901234567".
    /// </summary>
    public const int MaxLength = 25;

    // ECMAScript uses plain notation for 1e-6 <= |x| < 1e21 and exponent notation otherwise.
    // With x = 0.d1d2...dk * 10^n, plain notation is used for -5 <= n <= 21.
    private const int MaxPlainExponent = 21;
    private const int MinPlainExponent = -5;

    // Room for any "R" output of a double, which has at most 17 significant digits. Write throws
    // rather than truncate if the room is ever too small.
    private const int RoundTripBufferLength = 32;

    /// <summary>Formats a finite double as ECMAScript would print it; negative zero prints "0".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or an infinity, which JSON cannot represent.</exception>
    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Write(value, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Writes the ECMAScript form of a finite double as UTF-8.</summary>
    /// <returns>false, with nothing written, if the destination is shorter than the output.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or an infinity, which JSON cannot represent.</exception>
    public static bool TryFormat(double value, Span<byte> utf8Destination, out int bytesWritten)
    {
        if (utf8Destination.Length >= MaxLength)
        {
            bytesWritten = Write(value, utf8Destination);
            return true;
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Write(value, buffer);
        if (!buffer[..length].TryCopyTo(utf8Destination))
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Writes the ECMAScript form into a destination of at least <see cref="MaxLength"/> bytes.</summary>
    internal static int Write(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, "JSON has no representation for NaN or infinity, so the value cannot be formatted.");
        }

        Span<byte> roundTrip = stackalloc byte[RoundTripBufferLength];
        if (!value.TryFormat(roundTrip, out int roundTripLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException(
                $"Round-trip formatting of {value} needed more than {RoundTripBufferLength} bytes.");
        }

        Span<byte> digits = stackalloc byte[RoundTripBufferLength];
        bool negative = ParseRoundTrip(roundTrip[..roundTripLength], digits, out int digitCount, out int exponent);

        // Zero has no significant digits. ECMAScript prints both zeros as "0".
        if (digitCount == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        int position = 0;
        if (negative)
        {
            destination[position++] = (byte)'-';
        }

        position += LayOut(digits[..digitCount], exponent, destination[position..]);
        return position;
    }

    /// <summary>
    /// Splits .NET round-trip text ([-]int[.frac][E(+|-)exp]) into its significant digits, with no
    /// leading or trailing zeros, and the exponent n for which the value is 0.digits * 10^n.
    /// </summary>
    /// <returns>true if the text has a minus sign.</returns>
    private static bool ParseRoundTrip(ReadOnlySpan<byte> text, Span<byte> digits, out int digitCount, out int exponent)
    {
        int index = 0;
        bool negative = text[0] == (byte)'-';
        if (negative)
        {
            index++;
        }

        int mantissaLength = 0;
        int integerDigitCount = -1;
        while (index < text.Length && text[index] != (byte)'E')
        {
            byte character = text[index++];
            if (character == (byte)'.')
            {
                integerDigitCount = mantissaLength;
                continue;
            }

            digits[mantissaLength++] = character;
        }

        if (integerDigitCount < 0)
        {
            integerDigitCount = mantissaLength;
        }

        int writtenExponent = 0;
        if (index < text.Length)
        {
            // The part after 'E' is a sign and decimal digits, such as "+21" or "-07".
            writtenExponent = int.Parse(text[(index + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        int leadingZeros = 0;
        while (leadingZeros < mantissaLength && digits[leadingZeros] == (byte)'0')
        {
            leadingZeros++;
        }

        int end = mantissaLength;
        while (end > leadingZeros && digits[end - 1] == (byte)'0')
        {
            end--;
        }

        digitCount = end - leadingZeros;
        digits.Slice(leadingZeros, digitCount).CopyTo(digits);
        exponent = integerDigitCount + writtenExponent - leadingZeros;
        return negative;
    }

    /// <summary>
    /// Applies the layout steps of ECMA-262 Number::toString to the digits d1..dk of a positive value
    /// 0.d1..dk * 10^exponent.
    /// </summary>
    private static int LayOut(ReadOnlySpan<byte> digits, int exponent, Span<byte> destination)
    {
        int count = digits.Length;
        int position = 0;

        // An integer below 1e21: the digits followed by zeros.
        if (count <= exponent && exponent <= MaxPlainExponent)
        {
            digits.CopyTo(destination);
            destination[count..exponent].Fill((byte)'0');
            return exponent;
        }

        // At least 1 with a fraction: the decimal point goes inside the digits.
        if (exponent > 0 && exponent <= MaxPlainExponent)
        {
            digits[..exponent].CopyTo(destination);
            position = exponent;
            destination[position++] = (byte)'.';
            digits[exponent..].CopyTo(destination[position..]);
            return position + count - exponent;
        }

        // Below 1 and at least 1e-6: "0." then up to five zeros, then the digits.
        if (exponent >= MinPlainExponent && exponent <= 0)
        {
            destination[position++] = (byte)'0';
            destination[position++] = (byte)'.';
            destination.Slice(position, -exponent).Fill((byte)'0');
            position += -exponent;
            digits.CopyTo(destination[position..]);
            return position + count;
        }

        // Exponent notation: d1[.d2..dk]e(+|-)(exponent - 1).
        destination[position++] = digits[0];
        if (count > 1)
        {
            destination[position++] = (byte)'.';
            digits[1..].CopyTo(destination[position..]);
            position += count - 1;
        }

        int scientificExponent = exponent - 1;
        destination[position++] = (byte)'e';
        destination[position++] = scientificExponent < 0 ? (byte)'-' : (byte)'+';
        int magnitude = Math.Abs(scientificExponent);
        magnitude.TryFormat(destination[position..], out int exponentLength, provider: CultureInfo.InvariantCulture);
        return position + exponentLength;
    }
}
