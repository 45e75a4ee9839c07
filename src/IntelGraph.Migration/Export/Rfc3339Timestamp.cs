namespace IntelGraph.Migration.Export;

/// <summary>
/// Checks timestamps against RFC 3339's <c>date-time</c>: <c>2025-06-01T12:00:00Z</c>, with an optional fraction
/// of any length and either <c>Z</c> or a <c>+hh:mm</c>/<c>-hh:mm</c> offset. <c>T</c> and <c>Z</c> may be
/// lowercase, as the RFC allows.
/// </summary>
/// <remarks>
/// Year 0000 and leap seconds (second 60) are rejected although RFC 3339 allows them, because
/// <see cref="DateTimeOffset"/> cannot represent them and importers compare these timestamps, for example to
/// keep the later of two versions of a task.
/// </remarks>
internal static class Rfc3339Timestamp
{
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        // "yyyy-MM-ddTHH:mm:ss" is 19 characters, and an offset takes at least one more.
        if (text.Length < 20
            || !TryReadNumber(text, 0, 4, out var year) || text[4] != '-'
            || !TryReadNumber(text, 5, 2, out var month) || text[7] != '-'
            || !TryReadNumber(text, 8, 2, out var day) || text[10] is not ('T' or 't')
            || !TryReadNumber(text, 11, 2, out var hour) || text[13] != ':'
            || !TryReadNumber(text, 14, 2, out var minute) || text[16] != ':'
            || !TryReadNumber(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        if (text[position] == '.')
        {
            var digits = text[(position + 1)..].IndexOfAnyExceptInRange('0', '9');
            if (digits == 0)
            {
                return false;
            }

            position += 1 + (digits < 0 ? text.Length - position - 1 : digits);
        }

        return IsOffset(text[position..]);
    }

    private static bool IsOffset(ReadOnlySpan<char> text)
    {
        if (text.Length == 1)
        {
            return text[0] is 'Z' or 'z';
        }

        return text.Length == 6
            && text[0] is ('+' or '-')
            && TryReadNumber(text, 1, 2, out var hours) && hours <= 23
            && text[3] == ':'
            && TryReadNumber(text, 4, 2, out var minutes) && minutes <= 59;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, int start, int length, out int value)
    {
        value = 0;
        foreach (var character in text.Slice(start, length))
        {
            if (!char.IsAsciiDigit(character))
            {
                return false;
            }

            value = (value * 10) + (character - '0');
        }

        return true;
    }
}
