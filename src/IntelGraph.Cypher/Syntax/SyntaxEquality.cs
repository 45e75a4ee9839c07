using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Syntax;

/// <summary>
/// Compares two expressions by structure, so that <c>ORDER BY count(x)</c> can be matched with a projected
/// <c>count(x)</c>. Record equality cannot do this, because it compares list fields by reference.
/// </summary>
internal static class SyntaxEquality
{
    public static bool AreSame(Expression left, Expression right)
    {
        if (left.GetType() != right.GetType())
        {
            return false;
        }

        var sameNode = (left, right) switch
        {
            (LiteralExpression a, LiteralExpression b) => CypherEquivalence.Instance.Equals(a.Value, b.Value),
            (VariableExpression a, VariableExpression b) => a.Name == b.Name,
            (ParameterExpression a, ParameterExpression b) => a.Name == b.Name,
            (PropertyExpression a, PropertyExpression b) => a.Key == b.Key,
            (UnaryExpression a, UnaryExpression b) => a.Operator == b.Operator,
            (BinaryExpression a, BinaryExpression b) => a.Operator == b.Operator,
            (ComparisonExpression a, ComparisonExpression b) => a.Operators.SequenceEqual(b.Operators),
            (FunctionCallExpression a, FunctionCallExpression b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.Distinct == b.Distinct,
            (CountStarExpression, CountStarExpression) => true,
            (IsNullExpression a, IsNullExpression b) => a.Negated == b.Negated,
            (HasLabelsExpression a, HasLabelsExpression b) => a.Labels.SequenceEqual(b.Labels),
            (ListExpression or MapExpression or IndexExpression or SliceExpression or CaseExpression, _) => true,
            _ => ReferenceEquals(left, right),
        };
        if (!sameNode)
        {
            return false;
        }

        var leftChildren = ExpressionChildren.Of(left).ToList();
        var rightChildren = ExpressionChildren.Of(right).ToList();
        return leftChildren.Count == rightChildren.Count && leftChildren.Zip(rightChildren).All(pair => AreSame(pair.First, pair.Second));
    }
}
