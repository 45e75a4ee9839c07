using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>ISO 8601 calendar arithmetic: week dates (weeks start on Monday, week 1 contains 4 January), quarters and ordinal days.</summary>
internal static class Calendar
{
    public static DateOnly FromCalendarDate(long year, long month, long day)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            throw CypherException.Argument("InvalidArgumentValue", $"{year}-{month}-{day} is not a valid date.");
        }

        return new DateOnly((int)year, (int)month, (int)day);
    }

    public static DateOnly FromWeekDate(long weekYear, long week, long dayOfWeek)
    {
        if (week < 1 || week > WeeksInYear((int)weekYear) || dayOfWeek is < 1 or > 7)
        {
            throw CypherException.Argument("InvalidArgumentValue", $"Week {week}, day {dayOfWeek} of {weekYear} is not a valid date.");
        }

        return WeekOneStart((int)weekYear).AddDays((int)(((week - 1) * 7) + (dayOfWeek - 1)));
    }

    public static DateOnly FromOrdinalDate(long year, long ordinalDay)
    {
        var first = FromCalendarDate(year, 1, 1);
        if (ordinalDay < 1 || ordinalDay > (DateTime.IsLeapYear((int)year) ? 366 : 365))
        {
            throw CypherException.Argument("InvalidArgumentValue", $"Day {ordinalDay} of {year} is not a valid date.");
        }

        return first.AddDays((int)ordinalDay - 1);
    }

    public static DateOnly FromQuarterDate(long year, long quarter, long dayOfQuarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw CypherException.Argument("InvalidArgumentValue", $"Quarter {quarter} is not valid.");
        }

        var start = FromCalendarDate(year, ((quarter - 1) * 3) + 1, 1);
        var result = start.AddDays((int)dayOfQuarter - 1);
        if (dayOfQuarter < 1 || QuarterOf(result) != quarter || result.Year != year)
        {
            throw CypherException.Argument("InvalidArgumentValue", $"Day {dayOfQuarter} of quarter {quarter} is not valid.");
        }

        return result;
    }

    public static int DayOfWeek(DateOnly date) => date.DayOfWeek == System.DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    public static int QuarterOf(DateOnly date) => ((date.Month - 1) / 3) + 1;

    public static int DayOfQuarter(DateOnly date) => date.DayNumber - new DateOnly(date.Year, ((QuarterOf(date) - 1) * 3) + 1, 1).DayNumber + 1;

    public static (int WeekYear, int Week) WeekOf(DateOnly date)
    {
        var weekYear = date.Year;
        if (date.Year < 9999 && date >= WeekOneStart(date.Year + 1))
        {
            weekYear = date.Year + 1;
        }
        else if (date < WeekOneStart(date.Year))
        {
            weekYear = date.Year - 1;
        }

        var week = ((date.DayNumber - WeekOneStart(weekYear).DayNumber) / 7) + 1;
        return (weekYear, week);
    }

    public static DateOnly WeekOneStart(int weekYear)
    {
        var fourth = new DateOnly(weekYear, 1, 4);
        return fourth.AddDays(1 - DayOfWeek(fourth));
    }

    private static int WeeksInYear(int weekYear) => (WeekOneStart(weekYear + 1).DayNumber - WeekOneStart(weekYear).DayNumber) / 7;

    /// <summary>Adds months the way ISO calendars do: the day is clamped to the end of a shorter month.</summary>
    public static DateOnly AddMonths(DateOnly date, long months)
    {
        var total = (date.Year * 12L) + (date.Month - 1) + months;
        var year = (int)Math.Floor(total / 12.0);
        var month = (int)(total - (year * 12L)) + 1;
        if (year is < 1 or > 9999)
        {
            throw CypherException.Argument("InvalidArgumentValue", "The date is outside the supported years 1 to 9999.");
        }

        return new DateOnly(year, month, Math.Min(date.Day, DateTime.DaysInMonth(year, month)));
    }

    public static long NanoOfDay(long hour, long minute, long second, long nanos) =>
        (((hour * 60) + minute) * 60 + second) * TemporalValue.NanosPerSecond + nanos;
}
