using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>
/// Collects duration components that may have fractions and spreads each fraction to the next smaller
/// unit: a fraction of a month becomes days at the average Gregorian month of 30.436875 days, and a
/// fraction of a day becomes seconds.
/// </summary>
internal sealed class DurationBuilder
{
    private const decimal AverageDaysPerMonth = 30.436875m;

    private decimal _months;
    private decimal _days;
    private decimal _seconds;

    public void Add(string unit, decimal amount)
    {
        switch (unit.ToLowerInvariant())
        {
            case "years": _months += amount * 12; break;
            case "quarters": _months += amount * 3; break;
            case "months": _months += amount; break;
            case "weeks": _days += amount * 7; break;
            case "days": _days += amount; break;
            case "hours": _seconds += amount * 3600; break;
            case "minutes": _seconds += amount * 60; break;
            case "seconds": _seconds += amount; break;
            case "milliseconds": _seconds += amount / 1_000m; break;
            case "microseconds": _seconds += amount / 1_000_000m; break;
            case "nanoseconds": _seconds += amount / 1_000_000_000m; break;
            default:
                throw CypherException.Argument("InvalidArgumentValue", $"'{unit}' is not a duration component.");
        }
    }

    public DurationValue Build()
    {
        var months = decimal.Truncate(_months);
        var days = _days + ((_months - months) * AverageDaysPerMonth);
        var wholeDays = decimal.Truncate(days);
        var seconds = _seconds + ((days - wholeDays) * 86_400m);
        var wholeSeconds = decimal.Truncate(seconds);
        var nanos = decimal.Round((seconds - wholeSeconds) * 1_000_000_000m);
        return new DurationValue((long)months, (long)wholeDays, (long)wholeSeconds, (long)nanos);
    }
}

/// <summary>Duration arithmetic: sums, negation and scaling by a number.</summary>
internal static class Durations
{
    public static DurationValue Negate(DurationValue duration) =>
        new(-duration.Months, -duration.Days, -duration.Seconds, -duration.Nanos);

    public static DurationValue Add(DurationValue left, DurationValue right) =>
        new(checked(left.Months + right.Months), checked(left.Days + right.Days), checked(left.Seconds + right.Seconds), (long)left.Nanos + right.Nanos);

    public static DurationValue Multiply(DurationValue duration, decimal factor)
    {
        var builder = new DurationBuilder();
        builder.Add("months", duration.Months * factor);
        builder.Add("days", duration.Days * factor);
        builder.Add("seconds", ((decimal)duration.Seconds + (duration.Nanos / 1_000_000_000m)) * factor);
        return builder.Build();
    }

    public static DurationValue FromMap(IReadOnlyDictionary<string, CypherValue> entries)
    {
        var builder = new DurationBuilder();
        foreach (var (key, value) in entries)
        {
            var amount = value switch
            {
                IntegerValue i => i.Value,
                FloatValue f => (decimal)f.Value,
                NullValue => 0,
                _ => throw CypherException.Type("InvalidArgumentType", $"The duration component {key} must be a number, not a {value.TypeName}."),
            };
            builder.Add(key, amount);
        }

        return builder.Build();
    }
}
