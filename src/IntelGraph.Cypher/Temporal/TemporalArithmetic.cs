using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Temporal;

/// <summary>
/// Adding a duration to an instant: months first (clamping the day to the month's end), then days, then
/// the time part. A date ignores the part of the duration below one day; a time wraps around midnight.
/// </summary>
internal static class TemporalArithmetic
{
    public static CypherValue? TryApply(Syntax.BinaryOperator op, CypherValue left, CypherValue right)
    {
        switch (op, left, right)
        {
            case (Syntax.BinaryOperator.Add, TemporalValue instant, DurationValue duration):
                return Add(instant, duration);
            case (Syntax.BinaryOperator.Add, DurationValue duration, TemporalValue instant):
                return Add(instant, duration);
            case (Syntax.BinaryOperator.Subtract, TemporalValue instant, DurationValue duration):
                return Add(instant, Durations.Negate(duration));
            case (Syntax.BinaryOperator.Add, DurationValue a, DurationValue b):
                return Durations.Add(a, b);
            case (Syntax.BinaryOperator.Subtract, DurationValue a, DurationValue b):
                return Durations.Add(a, Durations.Negate(b));
            case (Syntax.BinaryOperator.Multiply, DurationValue duration, IntegerValue or FloatValue):
                return Durations.Multiply(duration, Factor(right));
            case (Syntax.BinaryOperator.Multiply, IntegerValue or FloatValue, DurationValue duration):
                return Durations.Multiply(duration, Factor(left));
            case (Syntax.BinaryOperator.Divide, DurationValue duration, IntegerValue or FloatValue):
                var divisor = Factor(right);
                if (divisor == 0)
                {
                    throw new CypherException("ArithmeticError", "DivisionByZero", CypherErrorPhase.Runtime, "A duration cannot be divided by zero.");
                }

                return Durations.Multiply(duration, 1 / divisor);
            default:
                return null;
        }
    }

    private static decimal Factor(CypherValue value) => value is IntegerValue i ? i.Value : (decimal)((FloatValue)value).Value;

    public static TemporalValue Add(TemporalValue instant, DurationValue duration)
    {
        if (!instant.HasDate)
        {
            var nanos = (instant.NanoOfDay + (long)(duration.TotalNanosOfTime % TemporalValue.NanosPerDay)) % TemporalValue.NanosPerDay;
            if (nanos < 0)
            {
                nanos += TemporalValue.NanosPerDay;
            }

            return new TemporalValue(instant.Kind, instant.Date, nanos, instant.OffsetSeconds, instant.ZoneId);
        }

        var date = Calendar.AddMonths(instant.Date, duration.Months).AddDays(checked((int)duration.Days));
        if (instant.Kind == TemporalKind.Date)
        {
            var wholeDays = (long)(duration.TotalNanosOfTime / TemporalValue.NanosPerDay);
            return new TemporalValue(TemporalKind.Date, date.AddDays((int)wholeDays), 0);
        }

        var local = ((Int128)date.DayNumber * TemporalValue.NanosPerDay) + instant.NanoOfDay + duration.TotalNanosOfTime;
        var (newDate, nanoOfDay) = TemporalConstruction.SplitLocal(local);
        var zone = TemporalConstruction.ZoneOf(instant);
        return TemporalConstruction.Create(instant.Kind, newDate, nanoOfDay, zone is null ? null : zone with { OffsetSeconds = instant.ZoneId is null ? instant.OffsetSeconds : null });
    }
}
