using IntelGraph.Cypher.Execution;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Functions;

/// <summary>
/// The built-in scalar functions, looked up by case-insensitive name. Each entry states how many
/// arguments it takes, so a wrong count is rejected before the function runs.
/// </summary>
internal sealed partial class FunctionLibrary
{
    private static readonly HashSet<string> _aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP", "percentileDisc", "percentileCont",
    };

    private readonly Dictionary<string, (int MinArguments, int MaxArguments, Func<IReadOnlyList<CypherValue>, CypherValue> Body)> _functions =
        new(StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> _temporalNames = new(TemporalFunctionNames(), StringComparer.OrdinalIgnoreCase);

    private readonly QueryContext _context;

    public FunctionLibrary(QueryContext context)
    {
        _context = context;
        RegisterGraphFunctions();
        RegisterListFunctions();
        RegisterStringFunctions();
        RegisterNumericFunctions();
        RegisterConversionFunctions();
        RegisterTemporalFunctions();
    }

    public static bool IsAggregate(string name) => _aggregates.Contains(name);

    public static bool IsKnown(string name) => IsAggregate(name) || _knownNames.Contains(name) || _temporalNames.Contains(name);

    public CypherValue Invoke(FunctionCallExpression call, IReadOnlyList<CypherValue> arguments)
    {
        if (!_functions.TryGetValue(call.Name, out var function))
        {
            throw CypherException.Syntax("UnknownFunction", $"The function {call.Name} does not exist.", call.Position);
        }

        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            throw CypherException.Syntax("InvalidNumberOfArguments",
                $"The function {call.Name} takes {function.MinArguments} to {function.MaxArguments} arguments, but {arguments.Count} were given.", call.Position);
        }

        try
        {
            return function.Body(arguments);
        }
        catch (OverflowException)
        {
            // A function such as abs(-9223372036854775808) or duration({years: ...}) overflowed on the query's own values.
            throw CypherException.IntegerOverflow($"The function {call.Name} produced a number that does not fit in 64 bits.");
        }
    }

    private void Register(string name, int arguments, Func<IReadOnlyList<CypherValue>, CypherValue> body) =>
        _functions[name] = (arguments, arguments, body);

    private void Register(string name, int minArguments, int maxArguments, Func<IReadOnlyList<CypherValue>, CypherValue> body) =>
        _functions[name] = (minArguments, maxArguments, body);

    /// <summary>Registers a one-argument function that returns null for a null argument.</summary>
    private void RegisterNullSafe(string name, Func<CypherValue, CypherValue> body) =>
        Register(name, 1, arguments => arguments[0].IsNull ? CypherValue.Null : body(arguments[0]));

    private static CypherException InvalidArgument(string function, CypherValue value) =>
        CypherException.Type("InvalidArgumentValue", $"The function {function} does not accept a {value.TypeName}.");

    private static long AsInteger(string function, CypherValue value) => value switch
    {
        IntegerValue i => i.Value,
        FloatValue f when Math.Floor(f.Value) == f.Value => (long)f.Value,
        _ => throw InvalidArgument(function, value),
    };

    private static string AsString(string function, CypherValue value) =>
        value is StringValue s ? s.Value : throw InvalidArgument(function, value);

    private static double AsNumber(string function, CypherValue value) => value switch
    {
        IntegerValue i => i.Value,
        FloatValue f => f.Value,
        _ => throw InvalidArgument(function, value),
    };
}
