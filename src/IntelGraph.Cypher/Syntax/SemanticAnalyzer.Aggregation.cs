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

    // A grouping key is a variable (n) or a property of one (n.name). More complex key expressions may not be reused around an aggregate.
    private static HashSet<string> GroupingKeys(Projection projection) =>
        projection.Items
            .Where(item => !ContainsAggregate(item.Expression))
            .Select(item => KeyName(item.Expression))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static string? KeyName(Expression expression) => expression switch
    {
        VariableExpression variable => variable.Name,
        PropertyExpression { Target: VariableExpression target } property => target.Name + "." + property.Key,
        _ => null,
    };

    private static void CheckAggregateItem(Expression expression, HashSet<string> groupingVariables, SourcePosition position)
    {
        if (IsAggregate(expression) || (expression is PropertyExpression && KeyName(expression) is { } key && groupingVariables.Contains(key)))
        {
            return;
        }

        var local = expression switch
        {
            ListComprehensionExpression comprehension => comprehension.Variable,
            QuantifierExpression quantifier => quantifier.Variable,
            ReduceExpression reduce => reduce.Variable,
            _ => null,
        };
        if (local is not null)
        {
            groupingVariables = new HashSet<string>(groupingVariables, StringComparer.Ordinal) { local };
            if (expression is ReduceExpression reduceExpression)
            {
                groupingVariables.Add(reduceExpression.Accumulator);
            }
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
