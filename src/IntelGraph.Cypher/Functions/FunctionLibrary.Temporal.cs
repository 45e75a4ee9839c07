using IntelGraph.Cypher.Temporal;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Functions;

/// <summary>The temporal functions: constructors, truncate, the current-time variants, epoch conversions and durations.</summary>
internal sealed partial class FunctionLibrary
{
    private static (string Name, TemporalKind Kind)[] TemporalConstructors =>
    [
        ("date", TemporalKind.Date),
        ("localtime", TemporalKind.LocalTime),
        ("time", TemporalKind.Time),
        ("localdatetime", TemporalKind.LocalDateTime),
        ("datetime", TemporalKind.DateTime),
    ];

    private static IEnumerable<string> TemporalFunctionNames() =>
        TemporalConstructors.SelectMany(constructor => new[]
        {
            constructor.Name,
            constructor.Name + ".truncate",
            constructor.Name + ".transaction",
            constructor.Name + ".statement",
            constructor.Name + ".realtime",
        }).Concat(["datetime.fromepoch", "datetime.fromepochmillis", "duration", "duration.between", "duration.inmonths", "duration.indays", "duration.inseconds"]);

    private void RegisterTemporalFunctions()
    {
        foreach (var (name, kind) in TemporalConstructors)
        {
            Register(name, 0, 1, arguments => arguments.Count == 0 ? Now(kind, null) : Construct(kind, arguments[0]));
            Register(name + ".truncate", 2, 3, arguments => Truncate(kind, arguments));
            foreach (var clock in new[] { ".transaction", ".statement", ".realtime" })
            {
                Register(name + clock, 0, 1, arguments => arguments.Count == 1 && arguments[0].IsNull ? CypherValue.Null : Now(kind, arguments.Count == 0 ? null : arguments[0]));
            }
        }

        Register("datetime.fromepoch", 2, arguments => FromEpoch(AsInteger("datetime.fromepoch", arguments[0]) * TemporalValue.NanosPerSecond + AsInteger("datetime.fromepoch", arguments[1])));
        Register("datetime.fromepochmillis", 1, arguments => FromEpoch(AsInteger("datetime.fromepochmillis", arguments[0]) * 1_000_000));
        RegisterNullSafe("duration", value => value switch
        {
            StringValue text => TemporalText.ParseDuration(text.Value),
            MapValue map => Durations.FromMap(map.Entries),
            DurationValue => value,
            _ => throw InvalidArgument("duration", value),
        });
        Register("duration.between", 2, arguments => Between(arguments, "all"));
        Register("duration.inMonths", 2, arguments => Between(arguments, "months"));
        Register("duration.inDays", 2, arguments => Between(arguments, "days"));
        Register("duration.inSeconds", 2, arguments => Between(arguments, "seconds"));
    }

    private static CypherValue Construct(TemporalKind kind, CypherValue argument) => argument switch
    {
        NullValue => CypherValue.Null,
        StringValue text => Parse(kind, text.Value),
        MapValue map => TemporalConstruction.FromMap(kind, map.Entries),
        TemporalValue temporal => TemporalConstruction.Convert(kind, temporal),
        _ => throw InvalidArgument(kind.ToString().ToLowerInvariant(), argument),
    };

    private static TemporalValue Parse(TemporalKind kind, string text)
    {
        switch (kind)
        {
            case TemporalKind.Date:
                return new TemporalValue(kind, TemporalText.ParseDate(text), 0);
            case TemporalKind.LocalTime or TemporalKind.Time:
                var (nanoOfDay, timeZone) = TemporalText.ParseTime(text);
                return TemporalConstruction.Create(kind, new DateOnly(1970, 1, 1), nanoOfDay, timeZone);
            default:
                var (date, nanos, zone) = TemporalText.ParseDateTime(text);
                if (zone is { OffsetSeconds: { } offset, ZoneId: not null })
                {
                    // An explicit offset next to a zone name pins the instant; the zone then names it.
                    var pinned = new TemporalValue(TemporalKind.DateTime, date, nanos, offset);
                    return TemporalConstruction.ConvertZone(pinned, zone with { OffsetSeconds = null });
                }

                return TemporalConstruction.Create(kind, date, nanos, zone);
        }
    }

    // Every clock function reads the query's start time, so two calls in one query return the same instant.
    private CypherValue Now(TemporalKind kind, CypherValue? timezone)
    {
        var now = _context.StartedAt;
        var utc = new TemporalValue(TemporalKind.DateTime, DateOnly.FromDateTime(now), now.TimeOfDay.Ticks * 100);
        var zone = timezone is null || timezone.IsNull ? new ZoneSpec(0, null) : TemporalConstruction.ParseZoneField(timezone);
        var local = TemporalConstruction.ConvertZone(utc, zone);
        return TemporalConstruction.Create(kind, local.Date, local.NanoOfDay, zone);
    }

    private static CypherValue Truncate(TemporalKind kind, IReadOnlyList<CypherValue> arguments)
    {
        if (arguments[1].IsNull)
        {
            return CypherValue.Null;
        }

        var unit = AsString("truncate", arguments[0]);
        var source = arguments[1] as TemporalValue ?? throw InvalidArgument("truncate", arguments[1]);
        var overrides = arguments.Count > 2 && arguments[2] is MapValue map ? map.Entries : new Dictionary<string, CypherValue>();
        return TemporalTruncation.Truncate(kind, unit, source, overrides);
    }

    private static TemporalValue FromEpoch(long epochNanos)
    {
        var local = ((Int128)DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber * TemporalValue.NanosPerDay) + epochNanos;
        var (date, nanoOfDay) = TemporalConstruction.SplitLocal(local);
        return new TemporalValue(TemporalKind.DateTime, date, nanoOfDay);
    }

    private static CypherValue Between(IReadOnlyList<CypherValue> arguments, string unit)
    {
        if (arguments[0].IsNull || arguments[1].IsNull)
        {
            return CypherValue.Null;
        }

        if (arguments[0] is not TemporalValue from || arguments[1] is not TemporalValue to)
        {
            throw CypherException.Type("InvalidArgumentType", "duration.between needs two temporal values.");
        }

        return DurationBetween.Between(from, to, unit);
    }
}
