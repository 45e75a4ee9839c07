using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>
/// Builds instants from maps such as <c>{year: 1984, week: 10, dayOfWeek: 3}</c> or <c>{date: d, time: t, second: 42}</c>.
/// Fields not given come from the <c>date</c>, <c>time</c> or <c>datetime</c> value in the map, then from defaults.
/// </summary>
internal static class TemporalConstruction
{
    public static TemporalValue FromMap(TemporalKind kind, IReadOnlyDictionary<string, CypherValue> map)
    {
        var fields = new Dictionary<string, CypherValue>(map, StringComparer.OrdinalIgnoreCase);
        var zone = fields.TryGetValue("timezone", out var timezone) && !timezone.IsNull ? ParseZoneField(timezone) : null;
        var baseDate = BaseValue(fields, "date") ?? BaseValue(fields, "datetime");
        var baseTime = BaseValue(fields, "time") ?? BaseValue(fields, "datetime");

        // A new zone for a value that already has an offset keeps the instant and moves the local time.
        if (zone is not null && baseTime is { HasOffset: true })
        {
            var separateDate = HasDatePart(kind) && baseDate is not null && !ReferenceEquals(baseDate, baseTime);
            var converted = ConvertZone(separateDate ? MoveToDate(baseTime, ResolveDate(fields, baseDate)) : baseTime, zone);
            if (ReferenceEquals(baseDate, baseTime))
            {
                baseDate = converted;
            }

            baseTime = converted;
        }

        var date = HasDatePart(kind) ? ResolveDate(fields, baseDate) : new DateOnly(1970, 1, 1);
        var nanoOfDay = kind == TemporalKind.Date ? 0 : ResolveTime(fields, baseTime);
        return Create(kind, date, nanoOfDay, zone ?? ZoneOf(baseTime));
    }

    // A zoned time taken onto another date is read with the zone's offset on that date, because daylight-saving time may differ.
    private static TemporalValue MoveToDate(TemporalValue time, DateOnly date)
    {
        if (time.ZoneId is null)
        {
            return time;
        }

        var zone = new ZoneSpec(null, time.ZoneId);
        return new TemporalValue(TemporalKind.DateTime, date, time.NanoOfDay, zone.OffsetAt(date, time.NanoOfDay), time.ZoneId);
    }

    /// <summary>Converts an instant to another kind, such as the date of a datetime or a localtime as a time in UTC.</summary>
    public static TemporalValue Convert(TemporalKind kind, TemporalValue source)
    {
        if ((HasDatePart(kind) && !source.HasDate && kind != TemporalKind.Time) || (kind is TemporalKind.LocalTime or TemporalKind.Time && !source.HasTime))
        {
            if (!(kind is TemporalKind.DateTime or TemporalKind.LocalDateTime && source.Kind == TemporalKind.Date))
            {
                throw CypherException.Type("InvalidArgumentType", $"Cannot convert a {source.TypeName} to a {kind}.");
            }
        }

        return Create(kind, source.Date, source.HasTime ? source.NanoOfDay : 0, ZoneOf(source));
    }

    public static TemporalValue Create(TemporalKind kind, DateOnly date, long nanoOfDay, ZoneSpec? zone)
    {
        if (kind is TemporalKind.Date or TemporalKind.LocalTime or TemporalKind.LocalDateTime)
        {
            return new TemporalValue(kind, date, kind == TemporalKind.Date ? 0 : nanoOfDay);
        }

        zone ??= new ZoneSpec(0, null);
        if (kind == TemporalKind.Time)
        {
            // A time has no date, so a named zone is reduced to its offset today.
            return new TemporalValue(kind, date, nanoOfDay, zone.OffsetAt(DateOnly.FromDateTime(DateTime.UtcNow), nanoOfDay));
        }

        return new TemporalValue(kind, date, nanoOfDay, zone.OffsetAt(date, nanoOfDay), zone.ZoneId);
    }

    public static TemporalValue ConvertZone(TemporalValue value, ZoneSpec zone)
    {
        if (value.Kind == TemporalKind.Time)
        {
            var offset = zone.OffsetAt(DateOnly.FromDateTime(DateTime.UtcNow), value.NanoOfDay);
            var shifted = value.NanoOfDay + ((long)(offset - value.OffsetSeconds) * TemporalValue.NanosPerSecond);
            shifted = ((shifted % TemporalValue.NanosPerDay) + TemporalValue.NanosPerDay) % TemporalValue.NanosPerDay;
            return new TemporalValue(TemporalKind.Time, value.Date, shifted, offset);
        }

        var instant = value.InstantNanos;
        var guess = zone.OffsetAt(value.Date, value.NanoOfDay);
        var local = instant + ((Int128)guess * TemporalValue.NanosPerSecond);
        var (date, nanoOfDay) = SplitLocal(local);
        var exact = zone.OffsetAt(date, nanoOfDay);
        if (exact != guess)
        {
            (date, nanoOfDay) = SplitLocal(instant + ((Int128)exact * TemporalValue.NanosPerSecond));
        }

        return new TemporalValue(TemporalKind.DateTime, date, nanoOfDay, exact, zone.ZoneId);
    }

    public static (DateOnly Date, long NanoOfDay) SplitLocal(Int128 localNanos)
    {
        var days = (long)(localNanos / TemporalValue.NanosPerDay);
        var nanos = (long)(localNanos % TemporalValue.NanosPerDay);
        if (nanos < 0)
        {
            nanos += TemporalValue.NanosPerDay;
            days--;
        }

        if (days < DateOnly.MinValue.DayNumber || days > DateOnly.MaxValue.DayNumber)
        {
            throw CypherException.Argument("InvalidArgumentValue", "The date is outside the supported years 1 to 9999.");
        }

        return (DateOnly.FromDayNumber((int)days), nanos);
    }

    public static ZoneSpec? ZoneOf(TemporalValue? value) =>
        value is { HasOffset: true } ? new ZoneSpec(value.OffsetSeconds, value.ZoneId) : null;

    public static ZoneSpec ParseZoneField(CypherValue value) => value is StringValue text
        ? TemporalText.ParseZone(text.Value)
        : throw CypherException.Type("InvalidArgumentType", $"A timezone must be a string, not a {value.TypeName}.");

    private static bool HasDatePart(TemporalKind kind) => kind is TemporalKind.Date or TemporalKind.LocalDateTime or TemporalKind.DateTime;

    private static TemporalValue? BaseValue(Dictionary<string, CypherValue> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value as TemporalValue : null;

    private static long? Field(Dictionary<string, CypherValue> fields, string key)
    {
        if (!fields.TryGetValue(key, out var value) || value.IsNull)
        {
            return null;
        }

        return value switch
        {
            IntegerValue i => i.Value,
            FloatValue f when Math.Floor(f.Value) == f.Value => (long)f.Value,
            _ => throw CypherException.Type("InvalidArgumentType", $"The field {key} must be an integer, not a {value.TypeName}."),
        };
    }

    private static DateOnly ResolveDate(Dictionary<string, CypherValue> fields, TemporalValue? baseValue)
    {
        var baseDate = baseValue is { HasDate: true } ? baseValue.Date : (DateOnly?)null;
        var year = Field(fields, "year");
        if (Field(fields, "week") is not null || Field(fields, "dayOfWeek") is not null)
        {
            var baseWeek = baseDate is null ? ((int, int)?)null : Calendar.WeekOf(baseDate.Value);
            return Calendar.FromWeekDate(
                year ?? baseWeek?.Item1 ?? throw MissingYear(),
                Field(fields, "week") ?? baseWeek?.Item2 ?? 1,
                Field(fields, "dayOfWeek") ?? (baseDate is null ? 1 : Calendar.DayOfWeek(baseDate.Value)));
        }

        if (Field(fields, "quarter") is not null || Field(fields, "dayOfQuarter") is not null)
        {
            return Calendar.FromQuarterDate(
                year ?? baseDate?.Year ?? throw MissingYear(),
                Field(fields, "quarter") ?? (baseDate is null ? 1 : Calendar.QuarterOf(baseDate.Value)),
                Field(fields, "dayOfQuarter") ?? (baseDate is null ? 1 : Calendar.DayOfQuarter(baseDate.Value)));
        }

        if (Field(fields, "ordinalDay") is { } ordinalDay)
        {
            return Calendar.FromOrdinalDate(year ?? baseDate?.Year ?? throw MissingYear(), ordinalDay);
        }

        return Calendar.FromCalendarDate(
            year ?? baseDate?.Year ?? throw MissingYear(),
            Field(fields, "month") ?? baseDate?.Month ?? 1,
            Field(fields, "day") ?? baseDate?.Day ?? 1);
    }

    private static long ResolveTime(Dictionary<string, CypherValue> fields, TemporalValue? baseValue)
    {
        var baseNanos = baseValue is { HasTime: true } ? baseValue.NanoOfDay : 0;
        var hour = Field(fields, "hour") ?? (baseNanos / (3600 * TemporalValue.NanosPerSecond));
        var minute = Field(fields, "minute") ?? (baseNanos / (60 * TemporalValue.NanosPerSecond) % 60);
        var second = Field(fields, "second") ?? (baseNanos / TemporalValue.NanosPerSecond % 60);
        var millisecond = Field(fields, "millisecond");
        var microsecond = Field(fields, "microsecond");
        var nanosecond = Field(fields, "nanosecond");
        var fraction = baseNanos % TemporalValue.NanosPerSecond;
        if (millisecond is not null || microsecond is not null || nanosecond is not null)
        {
            if (millisecond is < 0 or > 999 || microsecond is < 0 or > 999_999 || nanosecond is < 0 or > 999_999_999)
            {
                throw CypherException.Argument("InvalidArgumentValue", "A sub-second field is out of range.");
            }

            // A field given alone replaces only its own digits, so truncating to milliseconds and then setting nanosecond keeps the milliseconds.
            fraction = ((millisecond ?? (fraction / 1_000_000)) * 1_000_000)
                + ((microsecond ?? (millisecond is null ? fraction / 1000 % 1000 : 0)) * 1000)
                + (nanosecond ?? (millisecond is null && microsecond is null ? fraction % 1000 : 0));
        }

        if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || fraction >= TemporalValue.NanosPerSecond)
        {
            throw CypherException.Argument("InvalidArgumentValue", $"{hour}:{minute}:{second} is not a valid time.");
        }

        return Calendar.NanoOfDay(hour, minute, second, fraction);
    }

    private static CypherException MissingYear() =>
        CypherException.Argument("InvalidArgumentValue", "A date needs a year.");
}
