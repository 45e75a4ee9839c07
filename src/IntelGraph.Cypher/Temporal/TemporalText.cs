using System.Globalization;
using System.Text.RegularExpressions;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>A time zone as written in a query: a fixed offset, a zone name, or both.</summary>
internal sealed record ZoneSpec(int? OffsetSeconds, string? ZoneId)
{
    /// <summary>Returns the offset that applies at a local date and time, looking up the zone rules for a named zone.</summary>
    public int OffsetAt(DateOnly date, long nanoOfDay)
    {
        if (ZoneId is null)
        {
            return OffsetSeconds ?? 0;
        }

        var zone = TemporalText.FindZone(ZoneId);
        var local = date.ToDateTime(TimeOnly.MinValue).AddTicks(nanoOfDay / 100);
        return (int)zone.GetUtcOffset(local).TotalSeconds;
    }
}

/// <summary>Parses the ISO 8601 forms that openCypher accepts for dates, times, zones and durations.</summary>
internal static partial class TemporalText
{
    public static TimeZoneInfo FindZone(string zoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            throw CypherException.Argument("InvalidArgumentValue", $"The time zone '{zoneId}' is not known.");
        }
    }

    public static DateOnly ParseDate(string text)
    {
        var match = DatePattern().Match(text);
        if (!match.Success)
        {
            throw Invalid("date", text);
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["week"].Success)
        {
            var dayOfWeek = match.Groups["weekday"].Success ? int.Parse(match.Groups["weekday"].Value, CultureInfo.InvariantCulture) : 1;
            return Calendar.FromWeekDate(year, int.Parse(match.Groups["week"].Value, CultureInfo.InvariantCulture), dayOfWeek);
        }

        if (match.Groups["ordinal"].Success)
        {
            return Calendar.FromOrdinalDate(year, int.Parse(match.Groups["ordinal"].Value, CultureInfo.InvariantCulture));
        }

        var month = match.Groups["month"].Success ? int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture) : 1;
        var day = match.Groups["day"].Success ? int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture) : 1;
        return Calendar.FromCalendarDate(year, month, day);
    }

    /// <summary>Parses a time with an optional offset and zone name, such as <c>21:40:32.142+01:00[Europe/Paris]</c>.</summary>
    public static (long NanoOfDay, ZoneSpec? Zone) ParseTime(string text)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            throw Invalid("time", text);
        }

        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        var nanos = match.Groups["fraction"].Success ? long.Parse(match.Groups["fraction"].Value.PadRight(9, '0')[..9], CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            throw Invalid("time", text);
        }

        var nanoOfDay = (((hour * 60L) + minute) * 60 + second) * TemporalValue.NanosPerSecond + nanos;
        ZoneSpec? zone = null;
        if (match.Groups["offset"].Success || match.Groups["zone"].Success)
        {
            var offset = match.Groups["offset"].Success ? ParseOffset(match.Groups["offset"].Value) : (int?)null;
            zone = new ZoneSpec(offset, match.Groups["zone"].Success ? match.Groups["zone"].Value : null);
        }

        return (nanoOfDay, zone);
    }

    public static (DateOnly Date, long NanoOfDay, ZoneSpec? Zone) ParseDateTime(string text)
    {
        var separator = text.IndexOf('T', StringComparison.Ordinal);
        if (separator < 0)
        {
            return (ParseDate(text), 0, null);
        }

        var (nanoOfDay, zone) = ParseTime(text[(separator + 1)..]);
        return (ParseDate(text[..separator]), nanoOfDay, zone);
    }

    /// <summary>Parses the value of a <c>timezone</c> field: an offset (<c>+01:00</c>, <c>Z</c>) or a zone name.</summary>
    public static ZoneSpec ParseZone(string text)
    {
        if (OffsetPattern().IsMatch(text))
        {
            return new ZoneSpec(ParseOffset(text), null);
        }

        FindZone(text);
        return new ZoneSpec(null, text);
    }

    private static int ParseOffset(string text)
    {
        if (text is "Z" or "z")
        {
            return 0;
        }

        var match = OffsetPattern().Match(text);
        var sign = text[0] == '-' ? -1 : 1;
        var hours = int.Parse(match.Groups["hours"].Value, CultureInfo.InvariantCulture);
        var minutes = match.Groups["minutes"].Success ? int.Parse(match.Groups["minutes"].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups["seconds"].Success ? int.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture) : 0;
        return sign * ((hours * 3600) + (minutes * 60) + seconds);
    }

    public static DurationValue ParseDuration(string text)
    {
        var alternative = AlternativeDurationPattern().Match(text);
        if (alternative.Success)
        {
            var (date, nanoOfDay, _) = ParseDateTime(text[1..]);
            return new DurationValue((date.Year * 12L) + date.Month, date.Day, 0, nanoOfDay);
        }

        var match = DurationPattern().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            throw Invalid("duration", text);
        }

        var builder = new DurationBuilder();
        builder.Add("years", Number(match, "years"));
        builder.Add("months", Number(match, "months"));
        builder.Add("weeks", Number(match, "weeks"));
        builder.Add("days", Number(match, "days"));
        builder.Add("hours", Number(match, "hours"));
        builder.Add("minutes", Number(match, "minutes"));
        builder.Add("seconds", Number(match, "seconds"));
        var duration = builder.Build();
        return match.Groups["negative"].Success ? Durations.Negate(duration) : duration;
    }

    private static decimal Number(Match match, string group) =>
        match.Groups[group].Success ? decimal.Parse(match.Groups[group].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture) : 0;

    private static CypherException Invalid(string kind, string text) =>
        CypherException.Argument("InvalidArgumentValue", $"'{text}' is not a valid {kind}.");

    [GeneratedRegex(@"^(?<year>[+-]?\d{4})(?:(?:-(?<month>\d{2})(?:-(?<day>\d{2}))?)|(?:(?<month>\d{2})(?<day>\d{2}))|(?:-?W(?<week>\d{2})(?:-?(?<weekday>\d))?)|(?:-?(?<ordinal>\d{3}))|(?<month>\d{2}))?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<hour>\d{2})(?::?(?<minute>\d{2})(?::?(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?)?(?<offset>Z|z|[+-]\d{2}(?::?\d{2})?)?(?:\[(?<zone>[^\]]+)\])?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(?:Z|z|[+-](?<hours>\d{2})(?::?(?<minutes>\d{2})(?::?(?<seconds>\d{2}))?)?)$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^(?<negative>-)?P(?:(?<years>[+-]?\d+(?:[.,]\d+)?)Y)?(?:(?<months>[+-]?\d+(?:[.,]\d+)?)M)?(?:(?<weeks>[+-]?\d+(?:[.,]\d+)?)W)?(?:(?<days>[+-]?\d+(?:[.,]\d+)?)D)?(?:T(?:(?<hours>[+-]?\d+(?:[.,]\d+)?)H)?(?:(?<minutes>[+-]?\d+(?:[.,]\d+)?)M)?(?:(?<seconds>[+-]?\d+(?:[.,]\d+)?)S)?)?$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^P\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?$")]
    private static partial Regex AlternativeDurationPattern();
}
