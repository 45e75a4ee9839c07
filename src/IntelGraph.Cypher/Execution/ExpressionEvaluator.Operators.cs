using System.Text.RegularExpressions;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>Unary, binary and comparison operators with openCypher's null and three-valued logic rules.</summary>
internal sealed partial class ExpressionEvaluator
{
    /// <summary>Evaluates a boolean operand. A pattern used as a predicate is true when it has at least one match.</summary>
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
