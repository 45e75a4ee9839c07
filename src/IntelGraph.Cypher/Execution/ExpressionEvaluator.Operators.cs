using System.Text.RegularExpressions;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>Unary, binary and comparison operators with openCypher's null and three-valued logic rules.</summary>
internal sealed partial class ExpressionEvaluator
{
    /// <summary>Evaluates a boolean operand; a pattern used as a predicate is true when it has at least one match.</summary>
    private CypherValue EvaluatePredicate(Expression expression, Row row) => expression is PatternExpression pattern
        ? CypherValue.From(Matcher.MatchPaths(pattern.Pattern, row).Any())
        : Evaluate(expression, row);

    private CypherValue EvaluateUnary(UnaryExpression unary, Row row)
    {
        var operand = unary.Operator == UnaryOperator.Not ? EvaluatePredicate(unary.Operand, row) : Evaluate(unary.Operand, row);
        if (operand.IsNull)
        {
            return CypherValue.Null;
        }

        switch (unary.Operator)
        {
            case UnaryOperator.Not:
                return CypherValue.From(!AsBoolean(operand));
            case UnaryOperator.Negate:
                return operand switch
                {
                    IntegerValue i when i.Value == long.MinValue => throw Overflow(),
                    IntegerValue i => new IntegerValue(-i.Value),
                    FloatValue f => new FloatValue(-f.Value),
                    _ => throw CypherException.Type("InvalidArgumentType", $"Cannot negate a {operand.TypeName}."),
                };
            default:
                return operand is IntegerValue or FloatValue
                    ? operand
                    : throw CypherException.Type("InvalidArgumentType", $"Unary plus needs a number, not a {operand.TypeName}.");
        }
    }

    private CypherValue EvaluateBinary(BinaryExpression binary, Row row)
    {
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return EvaluateAnd(binary, row);
            case BinaryOperator.Or:
                return EvaluateOr(binary, row);
            case BinaryOperator.Xor:
                var left = AsNullableBoolean(EvaluatePredicate(binary.Left, row));
                var right = AsNullableBoolean(EvaluatePredicate(binary.Right, row));
                return left is null || right is null ? CypherValue.Null : CypherValue.From(left != right);
            case BinaryOperator.In:
                return EvaluateIn(Evaluate(binary.Left, row), Evaluate(binary.Right, row));
            default:
                return Arithmetic.Apply(binary.Operator, Evaluate(binary.Left, row), Evaluate(binary.Right, row));
        }
    }

    private CypherValue EvaluateAnd(BinaryExpression binary, Row row)
    {
        var left = AsNullableBoolean(EvaluatePredicate(binary.Left, row));
        var right = AsNullableBoolean(EvaluatePredicate(binary.Right, row));
        if (left == false || right == false)
        {
            return CypherValue.False;
        }

        return left is null || right is null ? CypherValue.Null : CypherValue.True;
    }

    private CypherValue EvaluateOr(BinaryExpression binary, Row row)
    {
        var left = AsNullableBoolean(EvaluatePredicate(binary.Left, row));
        var right = AsNullableBoolean(EvaluatePredicate(binary.Right, row));
        if (left == true || right == true)
        {
            return CypherValue.True;
        }

        return left is null || right is null ? CypherValue.Null : CypherValue.False;
    }

    private static CypherValue EvaluateIn(CypherValue item, CypherValue list)
    {
        if (list.IsNull)
        {
            return CypherValue.Null;
        }

        if (list is not ListValue values)
        {
            throw CypherException.Type("InvalidArgumentType", $"IN needs a list on its right side, not a {list.TypeName}.");
        }

        var sawNull = false;
        foreach (var candidate in values.Items)
        {
            var equal = CypherEquality.AreEqual(item, candidate);
            if (equal == true)
            {
                return CypherValue.True;
            }

            sawNull |= equal is null;
        }

        return sawNull ? CypherValue.Null : CypherValue.False;
    }

    private CypherValue EvaluateComparison(ComparisonExpression comparison, Row row)
    {
        var result = CypherValue.True;
        var left = Evaluate(comparison.Operands[0], row);
        for (var i = 0; i < comparison.Operators.Count; i++)
        {
            var right = Evaluate(comparison.Operands[i + 1], row);
            var step = Compare(comparison.Operators[i], left, right);
            if (step == false)
            {
                return CypherValue.False;
            }

            if (step is null)
            {
                result = CypherValue.Null;
            }

            left = right;
        }

        return result;
    }

    private static bool? Compare(string op, CypherValue left, CypherValue right)
    {
        switch (op)
        {
            case "=":
                return CypherEquality.AreEqual(left, right);
            case "<>":
                return !CypherEquality.AreEqual(left, right);
        }

        var order = CypherOrdering.Compare(left, right);
        if (order is null)
        {
            // NaN is a number but is neither smaller nor larger than any number.
            return IsNaNComparison(left, right) ? false : null;
        }

        return op switch
        {
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            _ => order >= 0,
        };
    }

    private static bool IsNaNComparison(CypherValue left, CypherValue right) =>
        left is IntegerValue or FloatValue && right is IntegerValue or FloatValue &&
        (left is FloatValue { Value: double.NaN } || right is FloatValue { Value: double.NaN });

    private static bool AsBoolean(CypherValue value) => value is BooleanValue b
        ? b.Value
        : throw CypherException.Type("InvalidArgumentType", $"Expected a boolean but got a {value.TypeName}.");

    private static bool? AsNullableBoolean(CypherValue value) => value.IsNull ? null : AsBoolean(value);

    private static CypherException Overflow() =>
        new("ArithmeticError", "IntegerOverflow", CypherErrorPhase.Runtime, "The integer result does not fit in 64 bits.");
}

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

        if (Temporal.TemporalArithmetic.TryApply(op, left, right) is { } temporal)
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

    private static CypherException DivisionByZero() =>
        new("ArithmeticError", "DivisionByZero", CypherErrorPhase.Runtime, "Integer division by zero.");
}
