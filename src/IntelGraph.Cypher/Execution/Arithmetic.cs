using System.Text.RegularExpressions;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>Arithmetic and the string operators, shared by the evaluator and functions such as sum.</summary>
internal static class Arithmetic
{
    public static CypherValue Apply(BinaryOperator op, CypherValue left, CypherValue right)
    {
        if (op == BinaryOperator.Add && (left is ListValue || right is ListValue))
        {
            return Concatenate(left, right);
        }

        if (left.IsNull || right.IsNull)
        {
            return CypherValue.Null;
        }

        if (TryApplyTemporal(op, left, right) is { } temporal)
        {
            return temporal;
        }

        return op switch
        {
            BinaryOperator.StartsWith => StringTest(left, right, (a, b) => a.StartsWith(b, StringComparison.Ordinal)),
            BinaryOperator.EndsWith => StringTest(left, right, (a, b) => a.EndsWith(b, StringComparison.Ordinal)),
            BinaryOperator.Contains => StringTest(left, right, (a, b) => a.Contains(b, StringComparison.Ordinal)),
            BinaryOperator.RegexMatch => StringTest(left, right, (a, b) => Regex.IsMatch(a, "^(?:" + b + ")$", RegexOptions.None, TimeSpan.FromSeconds(1))),
            BinaryOperator.Add when left is StringValue || right is StringValue => Concatenate(left, right),
            _ => Numeric(op, left, right),
        };
    }

    private static CypherValue Concatenate(CypherValue left, CypherValue right)
    {
        if (left is ListValue leftList)
        {
            var items = new List<CypherValue>(leftList.Items);
            if (right is ListValue rightList)
            {
                items.AddRange(rightList.Items);
            }
            else
            {
                items.Add(right);
            }

            return new ListValue(items);
        }

        if (right is ListValue tail)
        {
            return new ListValue([left, .. tail.Items]);
        }

        if (left is StringValue || right is StringValue)
        {
            if (left is StringValue or IntegerValue or FloatValue && right is StringValue or IntegerValue or FloatValue)
            {
                return new StringValue(TextOf(left) + TextOf(right));
            }
        }

        throw CypherException.Type("InvalidArgumentType", $"Cannot add a {left.TypeName} and a {right.TypeName}.");
    }

    private static string TextOf(CypherValue value) => value switch
    {
        StringValue s => s.Value,
        FloatValue f => CypherValueFormatter.FormatFloat(f.Value),
        _ => value.ToString(),
    };

    private static CypherValue StringTest(CypherValue left, CypherValue right, Func<string, string, bool> test)
    {
        if (left is StringValue a && right is StringValue b)
        {
            return CypherValue.From(test(a.Value, b.Value));
        }

        return CypherValue.Null;
    }

    private static CypherValue Numeric(BinaryOperator op, CypherValue left, CypherValue right)
    {
        if (left is not (IntegerValue or FloatValue) || right is not (IntegerValue or FloatValue))
        {
            throw CypherException.Type("InvalidArgumentType", $"Cannot apply {op} to a {left.TypeName} and a {right.TypeName}.");
        }

        if (left is IntegerValue a && right is IntegerValue b && op != BinaryOperator.Power)
        {
            return IntegerArithmetic(op, a.Value, b.Value);
        }

        var x = CypherOrdering.ToDouble(left);
        var y = CypherOrdering.ToDouble(right);
        return new FloatValue(op switch
        {
            BinaryOperator.Add => x + y,
            BinaryOperator.Subtract => x - y,
            BinaryOperator.Multiply => x * y,
            BinaryOperator.Divide => x / y,
            BinaryOperator.Modulo => x % y,
            _ => Math.Pow(x, y),
        });
    }

    private static IntegerValue IntegerArithmetic(BinaryOperator op, long a, long b)
    {
        try
        {
            return new IntegerValue(op switch
            {
                BinaryOperator.Add => checked(a + b),
                BinaryOperator.Subtract => checked(a - b),
                BinaryOperator.Multiply => checked(a * b),
                BinaryOperator.Divide => b == 0 ? throw DivisionByZero() : checked(a / b),
                _ => b == 0 ? throw DivisionByZero() : a % b,
            });
        }
        catch (OverflowException)
        {
            throw new CypherException("ArithmeticError", "IntegerOverflow", CypherErrorPhase.Runtime, "The integer result does not fit in 64 bits.");
        }
    }

    private static CypherValue? TryApplyTemporal(BinaryOperator op, CypherValue left, CypherValue right)
    {
        try
        {
            return Temporal.TemporalArithmetic.TryApply(op, left, right);
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentOutOfRangeException)
        {
            // Dates end at 9999-12-31, and durations count in 64-bit units, so a large duration can leave either range.
            throw CypherException.Argument(
                "InvalidArgumentValue",
                $"{op} of a {left.TypeName} and a {right.TypeName} gives a value outside the range of dates (years 1 to 9999) and durations (64-bit months, days and seconds).");
        }
    }

    private static CypherException DivisionByZero() =>
        new("ArithmeticError", "DivisionByZero", CypherErrorPhase.Runtime, "Integer division by zero.");
}
