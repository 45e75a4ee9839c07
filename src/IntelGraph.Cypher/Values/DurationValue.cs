using System.Globalization;
using System.Text;

namespace IntelGraph.Cypher.Values;

/// <summary>
/// A duration of months, days, seconds and nanoseconds, kept apart because a month and a day have no fixed
/// length. <see cref="Nanos"/> is always between 0 and 999,999,999, and the sign is in <see cref="Seconds"/>.
/// </summary>
public sealed class DurationValue : CypherValue
{
    public DurationValue(long months, long days, long seconds, long nanos)
    {
        seconds += Math.DivRem(nanos, TemporalValue.NanosPerSecond, out var remainder);
        if (remainder < 0)
        {
            remainder += TemporalValue.NanosPerSecond;
            seconds--;
        }

        Months = months;
        Days = days;
        Seconds = seconds;
        Nanos = (int)remainder;
    }

    public long Months { get; }

    public long Days { get; }

    public long Seconds { get; }

    public int Nanos { get; }

    public override string TypeName => "DURATION";

    public Int128 TotalNanosOfTime => ((Int128)Seconds * TemporalValue.NanosPerSecond) + Nanos;

    public string ToIsoString()
    {
        var builder = new StringBuilder("P");
        var years = Months / 12;
        var months = Months % 12;
        if (years != 0)
        {
            builder.Append(years.ToString(CultureInfo.InvariantCulture)).Append('Y');
        }

        if (months != 0)
        {
            builder.Append(months.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (Days != 0)
        {
            builder.Append(Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        var total = TotalNanosOfTime;
        if (total != 0)
        {
            builder.Append('T');
            var negative = total < 0;
            var magnitude = negative ? -total : total;
            var hours = (long)(magnitude / (3600 * (Int128)TemporalValue.NanosPerSecond));
            var minutes = (long)(magnitude / (60 * (Int128)TemporalValue.NanosPerSecond) % 60);
            var secondNanos = (long)(magnitude % (60 * (Int128)TemporalValue.NanosPerSecond));
            var sign = negative ? "-" : "";
            if (hours != 0)
            {
                builder.Append(sign).Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes != 0)
            {
                builder.Append(sign).Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (secondNanos != 0)
            {
                builder.Append(sign).Append((secondNanos / TemporalValue.NanosPerSecond).ToString(CultureInfo.InvariantCulture));
                var fraction = secondNanos % TemporalValue.NanosPerSecond;
                if (fraction != 0)
                {
                    builder.Append('.').Append(fraction.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                builder.Append('S');
            }
        }

        return builder.Length == 1 ? "PT0S" : builder.ToString();
    }
}
