using System.Globalization;
using System.Text;

namespace IntelGraph.Cypher.Values;

/// <summary>The five openCypher instant types.</summary>
public enum TemporalKind
{
    Date,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
}

/// <summary>
/// A date, a time, or both, with an optional UTC offset and time-zone name. The time of day is stored in
/// nanoseconds. Dates are limited to the years 1 to 9999 that <see cref="DateOnly"/> can hold.
/// </summary>
public sealed class TemporalValue : CypherValue
{
    public const long NanosPerSecond = 1_000_000_000L;
    public const long NanosPerDay = 86_400L * NanosPerSecond;

    public TemporalValue(TemporalKind kind, DateOnly date, long nanoOfDay, int offsetSeconds = 0, string? zoneId = null)
    {
        Kind = kind;
        Date = date;
        NanoOfDay = nanoOfDay;
        OffsetSeconds = offsetSeconds;
        ZoneId = zoneId;
    }

    public TemporalKind Kind { get; }

    /// <summary>The calendar date, which the two time-only kinds do not use.</summary>
    public DateOnly Date { get; }

    public long NanoOfDay { get; }

    /// <summary>The UTC offset in seconds, which is zero for the local kinds and for dates.</summary>
    public int OffsetSeconds { get; }

    /// <summary>A named zone such as Europe/Stockholm, or null when the value only has an offset.</summary>
    public string? ZoneId { get; }

    public bool HasDate => Kind is TemporalKind.Date or TemporalKind.LocalDateTime or TemporalKind.DateTime;

    public bool HasTime => Kind != TemporalKind.Date;

    public bool HasOffset => Kind is TemporalKind.Time or TemporalKind.DateTime;

    public override string TypeName => Kind switch
    {
        TemporalKind.Date => "DATE",
        TemporalKind.LocalTime => "LOCAL TIME",
        TemporalKind.Time => "TIME",
        TemporalKind.LocalDateTime => "LOCAL DATETIME",
        _ => "DATETIME",
    };

    /// <summary>Nanoseconds since 0001-01-01T00:00 UTC, so that values with different offsets compare as instants.</summary>
    public Int128 InstantNanos => ((Int128)Date.DayNumber * NanosPerDay) + NanoOfDay - ((Int128)OffsetSeconds * NanosPerSecond);

    /// <summary>The local date-time in nanoseconds since 0001-01-01T00:00, ignoring the offset.</summary>
    public Int128 LocalNanos => ((Int128)Date.DayNumber * NanosPerDay) + NanoOfDay;

    public string ToIsoString()
    {
        var builder = new StringBuilder();
        if (HasDate)
        {
            builder.Append(FormatDate(Date));
        }

        if (HasDate && HasTime)
        {
            builder.Append('T');
        }

        if (HasTime)
        {
            builder.Append(FormatTime(NanoOfDay));
        }

        if (HasOffset)
        {
            builder.Append(FormatOffset(OffsetSeconds));
            if (ZoneId is not null)
            {
                builder.Append('[').Append(ZoneId).Append(']');
            }
        }

        return builder.ToString();
    }

    public static string FormatDate(DateOnly date) =>
        date.Year.ToString("D4", CultureInfo.InvariantCulture) + "-" + date.Month.ToString("D2", CultureInfo.InvariantCulture) + "-" + date.Day.ToString("D2", CultureInfo.InvariantCulture);

    public static string FormatTime(long nanoOfDay)
    {
        var hour = nanoOfDay / (3600 * NanosPerSecond);
        var minute = nanoOfDay / (60 * NanosPerSecond) % 60;
        var second = nanoOfDay / NanosPerSecond % 60;
        var nanos = nanoOfDay % NanosPerSecond;
        var text = string.Create(CultureInfo.InvariantCulture, $"{hour:D2}:{minute:D2}");
        if (second == 0 && nanos == 0)
        {
            return text;
        }

        text += string.Create(CultureInfo.InvariantCulture, $":{second:D2}");
        return nanos == 0 ? text : text + "." + FormatFraction(nanos);
    }

    /// <summary>Formats nanoseconds as a fraction in groups of three digits, as ISO 8601 output usually does.</summary>
    public static string FormatFraction(long nanos)
    {
        var digits = nanos.ToString("D9", CultureInfo.InvariantCulture);
        if (nanos % 1_000_000 == 0)
        {
            return digits[..3];
        }

        return nanos % 1000 == 0 ? digits[..6] : digits;
    }

    public static string FormatOffset(int offsetSeconds)
    {
        if (offsetSeconds == 0)
        {
            return "Z";
        }

        var sign = offsetSeconds < 0 ? '-' : '+';
        var total = Math.Abs(offsetSeconds);
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{total / 3600:D2}:{total / 60 % 60:D2}");
        return total % 60 == 0 ? text : text + string.Create(CultureInfo.InvariantCulture, $":{total % 60:D2}");
    }
}
