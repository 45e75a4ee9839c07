using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>The <c>truncate</c> functions: round an instant down to a unit, then apply the fields of an optional map.</summary>
internal static class TemporalTruncation
{
    public static TemporalValue Truncate(TemporalKind kind, string unit, TemporalValue source, IReadOnlyDictionary<string, CypherValue> overrides)
    {
        var date = source.HasDate ? source.Date : new DateOnly(1970, 1, 1);
        var nanoOfDay = source.HasTime ? source.NanoOfDay : 0;
        var unitName = unit.ToLowerInvariant();
        if (!source.HasDate && unitName is "millennium" or "century" or "decade" or "year" or "weekyear" or "quarter" or "month" or "week" or "day")
        {
            throw CypherException.Argument("InvalidArgumentValue", $"A {source.TypeName} has no date, so it cannot be truncated to a {unit}.");
        }

        (date, nanoOfDay) = unitName switch
        {
            "millennium" => (new DateOnly(date.Year / 1000 * 1000 is 0 ? 1 : date.Year / 1000 * 1000, 1, 1), 0),
            "century" => (new DateOnly(date.Year / 100 * 100 is 0 ? 1 : date.Year / 100 * 100, 1, 1), 0),
            "decade" => (new DateOnly(date.Year / 10 * 10 is 0 ? 1 : date.Year / 10 * 10, 1, 1), 0),
            "year" => (new DateOnly(date.Year, 1, 1), 0),
            "weekyear" => (Calendar.WeekOneStart(Calendar.WeekOf(date).WeekYear), 0),
            "quarter" => (new DateOnly(date.Year, ((Calendar.QuarterOf(date) - 1) * 3) + 1, 1), 0),
            "month" => (new DateOnly(date.Year, date.Month, 1), 0),
            "week" => (date.AddDays(1 - Calendar.DayOfWeek(date)), 0),
            "day" => (date, 0),
            "hour" => (date, Floor(nanoOfDay, 3600 * TemporalValue.NanosPerSecond)),
            "minute" => (date, Floor(nanoOfDay, 60 * TemporalValue.NanosPerSecond)),
            "second" => (date, Floor(nanoOfDay, TemporalValue.NanosPerSecond)),
            "millisecond" => (date, Floor(nanoOfDay, 1_000_000)),
            "microsecond" => (date, Floor(nanoOfDay, 1000)),
            _ => throw CypherException.Argument("InvalidArgumentValue", $"'{unit}' is not a unit that a temporal value can be truncated to."),
        };

        if (kind == TemporalKind.Date && unitName is "hour" or "minute" or "second" or "millisecond" or "microsecond")
        {
            throw CypherException.Argument("InvalidArgumentValue", $"A date cannot be truncated to a {unit}.");
        }

        var zone = TemporalConstruction.ZoneOf(source);
        var truncated = new TemporalValue(source.HasOffset ? source.Kind : TemporalKind.LocalDateTime, date, nanoOfDay, source.OffsetSeconds, source.ZoneId);
        var fields = new Dictionary<string, CypherValue>(overrides, StringComparer.OrdinalIgnoreCase)
        {
            ["date"] = truncated,
            ["time"] = truncated,
        };

        // A timezone in the map names the zone of the result; the truncated local time stays as it is.
        if (fields.TryGetValue("timezone", out var timezone) && !timezone.IsNull)
        {
            zone = TemporalConstruction.ParseZoneField(timezone);
            fields.Remove("timezone");
        }

        var localKind = kind switch
        {
            TemporalKind.Date => TemporalKind.Date,
            TemporalKind.Time or TemporalKind.LocalTime => TemporalKind.LocalTime,
            _ => TemporalKind.LocalDateTime,
        };
        var local = TemporalConstruction.FromMap(localKind, fields);
        return TemporalConstruction.Create(kind, local.Date, local.NanoOfDay, zone);
    }

    private static long Floor(long value, long unit) => value / unit * unit;
}
