using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>
/// <c>duration.between</c> and its <c>inMonths</c>, <c>inDays</c> and <c>inSeconds</c> variants. A value
/// without a date takes the other value's date, and a value without a zone takes the other value's zone,
/// so a local value next to a zoned one is read as local time in that zone.
/// </summary>
internal static class DurationBetween
{
    public static DurationValue Between(TemporalValue from, TemporalValue to, string unit)
    {
        if (!from.HasDate && !to.HasDate)
        {
            if (unit is "months" or "days")
            {
                return new DurationValue(0, 0, 0, 0);
            }

            return new DurationValue(0, 0, 0, TimeOf(to, from) - TimeOf(from, to));
        }

        var fromDate = from.HasDate ? from.Date : to.Date;
        var toDate = to.HasDate ? to.Date : from.Date;
        var startNanoOfDay = from.HasTime ? from.NanoOfDay : 0;
        var endNanoOfDay = to.HasTime ? to.NanoOfDay : 0;
        var start = ((Int128)fromDate.DayNumber * TemporalValue.NanosPerDay) + startNanoOfDay;
        var end = ((Int128)toDate.DayNumber * TemporalValue.NanosPerDay) + endNanoOfDay;

        // With a zone on either side, the end is moved into the start's offset so that both are compared as instants.
        var fromZone = TemporalConstruction.ZoneOf(from);
        var toZone = TemporalConstruction.ZoneOf(to);
        if (fromZone is not null || toZone is not null)
        {
            var startOffset = from.HasOffset && from.Kind == TemporalKind.DateTime ? from.OffsetSeconds : (fromZone ?? toZone)!.OffsetAt(fromDate, startNanoOfDay);
            var endOffset = to.HasOffset && to.Kind == TemporalKind.DateTime ? to.OffsetSeconds : (toZone ?? fromZone)!.OffsetAt(toDate, endNanoOfDay);
            end += (Int128)(startOffset - endOffset) * TemporalValue.NanosPerSecond;
            (toDate, endNanoOfDay) = TemporalConstruction.SplitLocal(end);
        }

        switch (unit)
        {
            case "seconds":
                return new DurationValue(0, 0, 0, (long)(end - start));
            case "days":
                return new DurationValue(0, (long)((end - start) / TemporalValue.NanosPerDay), 0, 0);
        }

        var months = ((toDate.Year * 12L) + toDate.Month) - ((fromDate.Year * 12L) + fromDate.Month);
        var endKey = ((Int128)toDate.Day * TemporalValue.NanosPerDay) + endNanoOfDay;
        var startKey = ((Int128)fromDate.Day * TemporalValue.NanosPerDay) + startNanoOfDay;
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

        var middle = ((Int128)Calendar.AddMonths(fromDate, months).DayNumber * TemporalValue.NanosPerDay) + startNanoOfDay;
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
