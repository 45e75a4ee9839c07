using System.Globalization;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Functions;

/// <summary>Mathematical functions and the type conversions toInteger, toFloat, toString and toBoolean.</summary>
internal sealed partial class FunctionLibrary
{
    private static readonly HashSet<string> _knownNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "labels", "type", "keys", "properties", "length", "nodes", "relationships", "startNode", "endNode", "exists",
        "size", "head", "last", "tail", "reverse", "range", "coalesce",
        "toLower", "lower", "toUpper", "upper", "trim", "ltrim", "rtrim", "substring", "left", "right", "replace", "split",
        "abs", "sign", "round", "floor", "ceil", "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
        "pi", "e", "rand", "degrees", "radians",
        "toInteger", "toFloat", "toString", "toBoolean", "toIntegerOrNull", "toFloatOrNull", "toStringOrNull", "toBooleanOrNull",
    };

    private void RegisterNumericFunctions()
    {
        RegisterNullSafe("abs", value => value switch
        {
            IntegerValue i => new IntegerValue(Math.Abs(i.Value)),
            FloatValue f => new FloatValue(Math.Abs(f.Value)),
            _ => throw InvalidArgument("abs", value),
        });
        RegisterNullSafe("sign", value => value switch
        {
            IntegerValue i => new IntegerValue(Math.Sign(i.Value)),
            FloatValue f => new IntegerValue(Math.Sign(f.Value)),
            _ => throw InvalidArgument("sign", value),
        });
        RegisterNullSafe("round", value => new FloatValue(Math.Round(AsNumber("round", value), MidpointRounding.AwayFromZero)));
        RegisterNullSafe("floor", value => new FloatValue(Math.Floor(AsNumber("floor", value))));
        RegisterNullSafe("ceil", value => new FloatValue(Math.Ceiling(AsNumber("ceil", value))));
        RegisterMath("sqrt", Math.Sqrt);
        RegisterMath("exp", Math.Exp);
        RegisterMath("log", Math.Log);
        RegisterMath("log10", Math.Log10);
        RegisterMath("sin", Math.Sin);
        RegisterMath("cos", Math.Cos);
        RegisterMath("tan", Math.Tan);
        RegisterMath("asin", Math.Asin);
        RegisterMath("acos", Math.Acos);
        RegisterMath("atan", Math.Atan);
        RegisterMath("degrees", x => x * 180 / Math.PI);
        RegisterMath("radians", x => x * Math.PI / 180);
        Register("atan2", 2, arguments => arguments.Any(argument => argument.IsNull)
            ? CypherValue.Null
            : new FloatValue(Math.Atan2(AsNumber("atan2", arguments[0]), AsNumber("atan2", arguments[1]))));
        Register("pi", 0, _ => new FloatValue(Math.PI));
        Register("e", 0, _ => new FloatValue(Math.E));
        Register("rand", 0, _ => new FloatValue(Random.Shared.NextDouble()));
    }

    private void RegisterMath(string name, Func<double, double> body) =>
        RegisterNullSafe(name, value => new FloatValue(body(AsNumber(name, value))));

    private void RegisterConversionFunctions()
    {
        RegisterNullSafe("toInteger", value => ToInteger(value) ?? throw InvalidArgument("toInteger", value));
        RegisterNullSafe("toFloat", value => ToFloat(value) ?? throw InvalidArgument("toFloat", value));
        RegisterNullSafe("toString", value => ToText(value) ?? throw InvalidArgument("toString", value));
        RegisterNullSafe("toBoolean", value => ToBoolean(value) ?? throw InvalidArgument("toBoolean", value));
        RegisterNullSafe("toIntegerOrNull", value => ToInteger(value) ?? CypherValue.Null);
        RegisterNullSafe("toFloatOrNull", value => ToFloat(value) ?? CypherValue.Null);
        RegisterNullSafe("toStringOrNull", value => ToText(value) ?? CypherValue.Null);
        RegisterNullSafe("toBooleanOrNull", value => ToBoolean(value) ?? CypherValue.Null);
    }

    // Each conversion returns null for a type it cannot convert at all, and the null value for text that does not parse.
    private static CypherValue? ToInteger(CypherValue value) => value switch
    {
        IntegerValue => value,
        FloatValue f when double.IsNaN(f.Value) || double.IsInfinity(f.Value) => CypherValue.Null,
        FloatValue f => new IntegerValue((long)Math.Truncate(f.Value)),
        BooleanValue b => new IntegerValue(b.Value ? 1 : 0),
        StringValue s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) => new IntegerValue(integer),
        StringValue s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new IntegerValue((long)Math.Truncate(number)),
        StringValue => CypherValue.Null,
        _ => null,
    };

    private static CypherValue? ToFloat(CypherValue value) => value switch
    {
        FloatValue => value,
        IntegerValue i => new FloatValue(i.Value),
        StringValue s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new FloatValue(number),
        StringValue => CypherValue.Null,
        _ => null,
    };

    private static CypherValue? ToText(CypherValue value) => value switch
    {
        StringValue => value,
        IntegerValue i => new StringValue(i.Value.ToString(CultureInfo.InvariantCulture)),
        FloatValue f => new StringValue(CypherValueFormatter.FormatFloat(f.Value)),
        BooleanValue b => new StringValue(b.Value ? "true" : "false"),
        TemporalValue temporal => new StringValue(temporal.ToIsoString()),
        DurationValue duration => new StringValue(duration.ToIsoString()),
        _ => null,
    };

    private static CypherValue? ToBoolean(CypherValue value) => value switch
    {
        BooleanValue => value,
        StringValue s when s.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) => CypherValue.True,
        StringValue s when s.Value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) => CypherValue.False,
        StringValue => CypherValue.Null,
        IntegerValue i => CypherValue.From(i.Value != 0),
        _ => null,
    };
}
