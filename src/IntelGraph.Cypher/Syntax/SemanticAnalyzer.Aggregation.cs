namespace IntelGraph.Cypher.Syntax;

/// <summary>
/// The rule for items that mix aggregates with other expressions: outside the aggregate, such an item
/// may only use variables that are themselves grouping keys, so every group has one value for them.
/// </summary>
internal sealed partial class SemanticAnalyzer
{
    private void CheckAmbiguousAggregation(Projection projection, SourcePosition position)
    {
        var keys = GroupingKeys(projection);
        foreach (var item in projection.Items.Where(item => ContainsAggregate(item.Expression)))
        {
            CheckAggregateItem(item.Expression, keys, position);
        }
    }

    private static HashSet<string> GroupingKeys(Projection projection) =>
        projection.Items
            .Where(item => !ContainsAggregate(item.Expression) && item.Expression is VariableExpression)
            .Select(item => ((VariableExpression)item.Expression).Name)
            .ToHashSet(StringComparer.Ordinal);

    private static void CheckAggregateItem(Expression expression, HashSet<string> groupingVariables, SourcePosition position)
    {
        if (IsAggregate(expression))
        {
            return;
        }

        if (expression is VariableExpression variable)
        {
            if (!groupingVariables.Contains(variable.Name))
            {
                throw Error("AmbiguousAggregationExpression",
                    $"The variable '{variable.Name}' is used next to an aggregate but is not a grouping key.", position);
            }

            return;
        }

        foreach (var child in ExpressionChildren.Of(expression))
        {
            CheckAggregateItem(child, groupingVariables, position);
        }
    }
}
