namespace IntelGraph.Cypher.Syntax;

/// <summary>Lists the direct sub-expressions of an expression, for analyses that walk the tree.</summary>
internal static class ExpressionChildren
{
    public static IEnumerable<Expression> Of(Expression expression)
    {
        switch (expression)
        {
            case PropertyExpression property:
                yield return property.Target;
                break;
            case IndexExpression index:
                yield return index.Target;
                yield return index.Index;
                break;
            case SliceExpression slice:
                yield return slice.Target;
                if (slice.From is not null)
                {
                    yield return slice.From;
                }

                if (slice.To is not null)
                {
                    yield return slice.To;
                }

                break;
            case ListExpression list:
                foreach (var item in list.Items)
                {
                    yield return item;
                }

                break;
            case MapExpression map:
                foreach (var entry in map.Entries)
                {
                    yield return entry.Value;
                }

                break;
            case MapProjectionExpression projection:
                yield return new VariableExpression(projection.Variable);
                foreach (var item in projection.Items.Where(item => item.Value is not null))
                {
                    yield return item.Value!;
                }

                break;
            case UnaryExpression unary:
                yield return unary.Operand;
                break;
            case BinaryExpression binary:
                yield return binary.Left;
                yield return binary.Right;
                break;
            case ComparisonExpression comparison:
                foreach (var operand in comparison.Operands)
                {
                    yield return operand;
                }

                break;
            case IsNullExpression isNull:
                yield return isNull.Operand;
                break;
            case HasLabelsExpression hasLabels:
                yield return hasLabels.Target;
                break;
            case FunctionCallExpression call:
                foreach (var argument in call.Arguments)
                {
                    yield return argument;
                }

                break;
            case CaseExpression caseExpression:
                if (caseExpression.Test is not null)
                {
                    yield return caseExpression.Test;
                }

                foreach (var (when, then) in caseExpression.Alternatives)
                {
                    yield return when;
                    yield return then;
                }

                if (caseExpression.Else is not null)
                {
                    yield return caseExpression.Else;
                }

                break;
            case ListComprehensionExpression comprehension:
                yield return comprehension.Source;
                if (comprehension.Where is not null)
                {
                    yield return comprehension.Where;
                }

                if (comprehension.Projection is not null)
                {
                    yield return comprehension.Projection;
                }

                break;
            case QuantifierExpression quantifier:
                yield return quantifier.Source;
                if (quantifier.Where is not null)
                {
                    yield return quantifier.Where;
                }

                break;
            case ReduceExpression reduce:
                yield return reduce.Initial;
                yield return reduce.Source;
                yield return reduce.Body;
                break;
            case PatternComprehensionExpression comprehension:
                if (comprehension.Where is not null)
                {
                    yield return comprehension.Where;
                }

                yield return comprehension.Projection;
                break;
        }
    }
}
