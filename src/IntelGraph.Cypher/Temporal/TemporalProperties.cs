using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>The component properties of temporal values and durations, such as <c>d.year</c> or <c>dur.minutesOfHour</c>.</summary>
internal static class TemporalProperties
{
    public static bool TryRead(CypherValue value, string key, out CypherValue result)
    {
        result = value switch
        {
            TemporalValue temporal => ReadInstant(temporal, key.ToLowerInvariant()),
            DurationValue duration => ReadDuration(duration, key.ToLowerInvariant()),
            _ => null!,
        };
        return result is not null;
    }

    private static CypherValue ReadInstant(TemporalValue value, string key)
    {
        if (value.HasDate)
        {
            var date = value.Date;
            CypherValue? datePart = key switch
            {
                "year" => Integer(date.Year),
                "quarter" => Integer(Calendar.QuarterOf(date)),
                "month" => Integer(date.Month),
                "week" => Integer(Calendar.WeekOf(date).Week),
                "weekyear" => Integer(Calendar.WeekOf(date).WeekYear),
                "day" => Integer(date.Day),
                "ordinalday" => Integer(date.DayOfYear),
                "dayofweek" or "weekday" => Integer(Calendar.DayOfWeek(date)),
                "dayofquarter" => Integer(Calendar.DayOfQuarter(date)),
                _ => null,
            };
            if (datePart is not null)
            {
                return datePart;
            }
        }

        if (value.HasTime)
        {
            var nanos = value.NanoOfDay;
            CypherValue? timePart = key switch
            {
                "hour" => Integer(nanos / (3600 * TemporalValue.NanosPerSecond)),
                "minute" => Integer(nanos / (60 * TemporalValue.NanosPerSecond) % 60),
                "second" => Integer(nanos / TemporalValue.NanosPerSecond % 60),
                "millisecond" => Integer(nanos % TemporalValue.NanosPerSecond / 1_000_000),
                "microsecond" => Integer(nanos % TemporalValue.NanosPerSecond / 1000),
                "nanosecond" => Integer(nanos % TemporalValue.NanosPerSecond),
                _ => null,
            };
            if (timePart is not null)
            {
                return timePart;
            }
        }

        if (value.HasOffset)
        {
            CypherValue? zonePart = key switch
            {
                "timezone" => new StringValue(value.ZoneId ?? TemporalValue.FormatOffset(value.OffsetSeconds)),
                "offset" => new StringValue(TemporalValue.FormatOffset(value.OffsetSeconds)),
                "offsetminutes" => Integer(value.OffsetSeconds / 60),
                "offsetseconds" => Integer(value.OffsetSeconds),
                _ => null,
            };
            if (zonePart is not null)
            {
                return zonePart;
            }
        }

        if (value.Kind == TemporalKind.DateTime && key is "epochmillis" or "epochseconds")
        {
            var epoch = value.InstantNanos - ((Int128)DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber * TemporalValue.NanosPerDay);
            return Integer((long)(key == "epochmillis" ? epoch / 1_000_000 : epoch / TemporalValue.NanosPerSecond));
        }

        throw CypherException.Type("InvalidArgumentType", $"A {value.TypeName} has no property '{key}'.");
    }

    private static CypherValue ReadDuration(DurationValue value, string key)
    {
        var nanosOfSecond = value.Nanos;
        return key switch
        {
            "years" => Integer(value.Months / 12),
            "quarters" => Integer(value.Months / 3),
            "months" => Integer(value.Months),
            "weeks" => Integer(value.Days / 7),
            "days" => Integer(value.Days),
            "hours" => Integer(value.Seconds / 3600),
            "minutes" => Integer(value.Seconds / 60),
            "seconds" => Integer(value.Seconds),
            "milliseconds" => Integer((value.Seconds * 1000) + (nanosOfSecond / 1_000_000)),
            "microseconds" => Integer((value.Seconds * 1_000_000) + (nanosOfSecond / 1000)),
            "nanoseconds" => Integer((value.Seconds * TemporalValue.NanosPerSecond) + nanosOfSecond),
            "quartersofyear" => Integer(value.Months / 3 % 4),
            "monthsofquarter" => Integer(value.Months % 3),
            "monthsofyear" => Integer(value.Months % 12),
            "daysofweek" => Integer(value.Days % 7),
            "minutesofhour" => Integer(value.Seconds / 60 % 60),
            "secondsofminute" => Integer(value.Seconds % 60),
            "millisecondsofsecond" => Integer(nanosOfSecond / 1_000_000),
            "microsecondsofsecond" => Integer(nanosOfSecond / 1000),
            "nanosecondsofsecond" => Integer(nanosOfSecond),
            _ => throw CypherException.Type("InvalidArgumentType", $"A duration has no property '{key}'."),
        };
    }

    private static IntegerValue Integer(long value) => new(value);
}
