using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>
/// <c>duration.between</c> and its <c>inMonths</c>, <c>inDays</c> and <c>inSeconds</c> variants. When both values
/// have an offset they are compared as instants; otherwise their local date and time are compared. A value
/// without a date only contributes its time of day.
/// </summary>
internal static class DurationBetween
{
    public static DurationValue Between(TemporalValue from, TemporalValue to, string unit)
    {
        if (!from.HasDate || !to.HasDate)
        {
            if (unit is "months" or "days")
            {
                return new DurationValue(0, 0, 0, 0);
            }

            return new DurationValue(0, 0, 0, TimeOf(to, from) - TimeOf(from, to));
        }

        var start = from.LocalNanos;
        var end = to.HasOffset && from.HasOffset
            ? to.InstantNanos + ((Int128)from.OffsetSeconds * TemporalValue.NanosPerSecond)
            : to.LocalNanos;
        var (endDate, endNanoOfDay) = TemporalConstruction.SplitLocal(end);
        var startNanoOfDay = from.HasTime ? from.NanoOfDay : 0;

        switch (unit)
        {
            case "seconds":
                return new DurationValue(0, 0, 0, (long)(end - start));
            case "days":
                return new DurationValue(0, (long)((end - start) / TemporalValue.NanosPerDay), 0, 0);
        }

        var months = ((endDate.Year * 12L) + endDate.Month) - ((from.Date.Year * 12L) + from.Date.Month);
        var endKey = ((Int128)endDate.Day * TemporalValue.NanosPerDay) + endNanoOfDay;
        var startKey = ((Int128)from.Date.Day * TemporalValue.NanosPerDay) + startNanoOfDay;
        if (months > 0 && endKey < startKey)
        {
            months--;
        }
        else if (months < 0 && endKey > startKey)
        {
            months++;
        }

        if (unit == "months")
        {
            return new DurationValue(months, 0, 0, 0);
        }

        var middle = ((Int128)Calendar.AddMonths(from.Date, months).DayNumber * TemporalValue.NanosPerDay) + startNanoOfDay;
        var remainder = end - middle;
        var days = (long)(remainder / TemporalValue.NanosPerDay);
        return new DurationValue(months, days, 0, (long)(remainder % TemporalValue.NanosPerDay));
    }

    // Two times of day compare in UTC only when both have an offset.
    private static long TimeOf(TemporalValue value, TemporalValue other)
    {
        var nanos = value.HasTime ? value.NanoOfDay : 0;
        return value.HasOffset && other.HasOffset ? nanos - (value.OffsetSeconds * TemporalValue.NanosPerSecond) : nanos;
    }
}
