namespace IntelGraph.Migration.Sample;

/// <summary>
/// Ids and timestamps drawn from the generator's seeded <see cref="Random"/>. Nothing here reads
/// the clock or <see cref="Guid.NewGuid"/>, so the same seed gives the same values.
/// </summary>
internal static class SampleRandom
{
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    /// <summary>Returns a random (version 4) UUID whose 122 random bits come from <paramref name="random"/>.</summary>
    public static Guid NextUuid(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Returns the UUID in its lowercase hyphenated form after a prefix, such as <c>clm-</c>, in one allocation.</summary>
    public static string PrefixedUuid(string prefix, Guid id) =>
        string.Create(prefix.Length + 36, (prefix, id), static (text, state) =>
        {
            state.prefix.CopyTo(text);
            state.id.TryFormat(text[state.prefix.Length..], out _);
        });

    /// <summary>Returns a UTC time in [start, end) as ticks, whole milliseconds only, because the export writes milliseconds.</summary>
    public static long NextTicks(this Random random, long startTicks, long endTicks)
    {
        long startMilliseconds = startTicks / TicksPerMillisecond;
        long endMilliseconds = Math.Max(startMilliseconds + 1, endTicks / TicksPerMillisecond);
        return random.NextInt64(startMilliseconds, endMilliseconds) * TicksPerMillisecond;
    }

    /// <summary>Formats UTC ticks as the export writes times: <c>2025-06-01T00:00:00.000Z</c>.</summary>
    /// <remarks>Written digit by digit because formatting with a custom DateTime format string showed up in profiles, and every claim needs three.</remarks>
    public static string FormatTimestamp(long utcTicks) =>
        string.Create(24, new DateTime(utcTicks, DateTimeKind.Utc), static (text, time) =>
        {
            time.Deconstruct(out int year, out int month, out int day);
            WriteDigits(text[..4], year);
            text[4] = '-';
            WriteDigits(text.Slice(5, 2), month);
            text[7] = '-';
            WriteDigits(text.Slice(8, 2), day);
            text[10] = 'T';
            WriteDigits(text.Slice(11, 2), time.Hour);
            text[13] = ':';
            WriteDigits(text.Slice(14, 2), time.Minute);
            text[16] = ':';
            WriteDigits(text.Slice(17, 2), time.Second);
            text[19] = '.';
            WriteDigits(text.Slice(20, 3), time.Millisecond);
            text[23] = 'Z';
        });

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
