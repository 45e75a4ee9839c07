using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>Finds aggregate calls in expressions and computes one aggregate over the rows of a group.</summary>
internal static class Aggregation
{
    /// <summary>Lists the aggregate calls inside an expression, outermost first, without looking into nested aggregates.</summary>
    public static List<Expression> FindAggregates(Expression expression)
    {
        var found = new List<Expression>();
        Collect(expression, found);
        return found;
    }

    public static bool ContainsAggregate(Expression expression) => FindAggregates(expression).Count > 0;

    private static void Collect(Expression expression, List<Expression> found)
    {
        switch (expression)
        {
            case CountStarExpression:
                found.Add(expression);
                return;
            case FunctionCallExpression call when Functions.FunctionLibrary.IsAggregate(call.Name):
                found.Add(expression);
                return;
        }

        foreach (var child in ExpressionChildren.Of(expression))
        {
            Collect(child, found);
        }
    }

    public static CypherValue Compute(Expression aggregate, IReadOnlyList<Row> rows, ExpressionEvaluator evaluator)
    {
        if (aggregate is CountStarExpression)
        {
            return new IntegerValue(rows.Count);
        }

        var call = (FunctionCallExpression)aggregate;
        if (call.Arguments.Count == 0)
        {
            throw CypherException.Syntax("InvalidNumberOfArguments", $"The aggregate function {call.Name} needs an argument.", call.Position);
        }

        var values = new List<CypherValue>();
        foreach (var row in rows)
        {
            var value = evaluator.Evaluate(call.Arguments[0], row);
            if (!value.IsNull)
            {
                values.Add(value);
            }
        }

        if (call.Distinct)
        {
            values = values.Distinct(CypherEquivalence.Instance).ToList();
        }

        var name = call.Name.ToLowerInvariant();
        return name switch
        {
            "count" => new IntegerValue(values.Count),
            "collect" => new ListValue(values),
            "sum" => Sum(values),
            "avg" => values.Count == 0 ? CypherValue.Null : new FloatValue(values.Select(v => Number("avg", v)).Average()),
            "min" => values.Count == 0 ? CypherValue.Null : values.Aggregate((a, b) => CypherOrdering.OrderBy(b, a) < 0 ? b : a),
            "max" => values.Count == 0 ? CypherValue.Null : values.Aggregate((a, b) => CypherOrdering.OrderBy(b, a) > 0 ? b : a),
            "stdev" => StandardDeviation(values, sample: true),
            "stdevp" => StandardDeviation(values, sample: false),
            _ => Percentile(name, call, values, rows, evaluator),
        };
    }

    private static CypherValue Sum(List<CypherValue> values)
    {
        if (values.All(v => v is IntegerValue))
        {
            long total = 0;
            try
            {
                foreach (var value in values)
                {
                    total = checked(total + ((IntegerValue)value).Value);
                }
            }
            catch (OverflowException)
            {
                throw CypherException.IntegerOverflow("The integer sum does not fit in 64 bits.");
            }

            return new IntegerValue(total);
        }

        return new FloatValue(values.Sum(v => Number("sum", v)));
    }

    private static double Number(string function, CypherValue value) => value switch
    {
        IntegerValue i => i.Value,
        FloatValue f => f.Value,
        _ => throw CypherException.Type("InvalidArgumentType", $"The aggregate function {function} needs numbers, not a {value.TypeName}."),
    };

    private static CypherValue StandardDeviation(List<CypherValue> values, bool sample)
    {
        var numbers = values.Select(v => Number("stDev", v)).ToList();
        var divisor = sample ? numbers.Count - 1 : numbers.Count;
        if (divisor <= 0)
        {
            return new FloatValue(0);
        }

        var mean = numbers.Average();
        return new FloatValue(Math.Sqrt(numbers.Sum(x => (x - mean) * (x - mean)) / divisor));
    }

    private static CypherValue Percentile(string name, FunctionCallExpression call, List<CypherValue> values, IReadOnlyList<Row> rows, ExpressionEvaluator evaluator)
    {
        if (call.Arguments.Count < 2 || rows.Count == 0)
        {
            return CypherValue.Null;
        }

        var percentile = Number(name, evaluator.Evaluate(call.Arguments[1], rows[0]));
        if (percentile is < 0 or > 1)
        {
            throw CypherException.Argument("NumberOutOfRange", $"The percentile must be between 0.0 and 1.0, not {percentile}.");
        }

        var numbers = values.Select(v => Number(name, v)).Order().ToList();
        if (numbers.Count == 0)
        {
            return CypherValue.Null;
        }

        if (name == "percentiledisc")
        {
            var index = (int)Math.Max(0, Math.Ceiling(percentile * numbers.Count) - 1);
            var chosen = values.OrderBy(v => Number(name, v)).ElementAt(index);
            return chosen;
        }

        var position = percentile * (numbers.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return new FloatValue(numbers[lower] + ((numbers[upper] - numbers[lower]) * (position - lower)));
    }
}
