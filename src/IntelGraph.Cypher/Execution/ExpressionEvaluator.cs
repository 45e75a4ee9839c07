using IntelGraph.Cypher.Functions;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>
/// Evaluates expressions against a row. Null propagates through most operators, as openCypher requires, and
/// a type mismatch raises a TypeError instead of guessing a conversion.
/// </summary>
internal sealed partial class ExpressionEvaluator
{
    private readonly QueryContext _context;
    private readonly FunctionLibrary _functions;
    private IReadOnlyDictionary<Expression, CypherValue>? _aggregateValues;

    public ExpressionEvaluator(QueryContext context)
    {
        _context = context;
        _functions = new FunctionLibrary(context);
        Matcher = new PatternMatcher(context, this);
    }

    public PatternMatcher Matcher { get; }

    /// <summary>Evaluates with the aggregate calls inside the expression replaced by their computed group values.</summary>
    public CypherValue EvaluateWithAggregates(Expression expression, Row row, IReadOnlyDictionary<Expression, CypherValue> aggregateValues)
    {
        var previous = _aggregateValues;
        _aggregateValues = aggregateValues;
        try
        {
            return Evaluate(expression, row);
        }
        finally
        {
            _aggregateValues = previous;
        }
    }

    /// <summary>Evaluates a WHERE condition: only true passes, so false and null both reject the row.</summary>
    public bool IsTrue(Expression expression, Row row) => EvaluatePredicate(expression, row) is BooleanValue { Value: true };

    public CypherValue Evaluate(Expression expression, Row row)
    {
        if (_aggregateValues is not null && _aggregateValues.TryGetValue(expression, out var aggregate))
        {
            return aggregate;
        }

        switch (expression)
        {
            case LiteralExpression literal:
                return literal.Value;
            case ParameterExpression parameter:
                return EvaluateParameter(parameter);
            case VariableExpression variable:
                return EvaluateVariable(variable, row);
            case PropertyExpression property:
                return ReadProperty(Evaluate(property.Target, row), property.Key);
            case IndexExpression index:
                return EvaluateIndex(Evaluate(index.Target, row), Evaluate(index.Index, row));
            case SliceExpression slice:
                return EvaluateSlice(slice, row);
            case ListExpression list:
                return new ListValue(list.Items.Select(item => Evaluate(item, row)).ToList());
            case MapExpression map:
                return EvaluateMap(map, row);
            case MapProjectionExpression projection:
                return EvaluateMapProjection(projection, row);
            case UnaryExpression unary:
                return EvaluateUnary(unary, row);
            case BinaryExpression binary:
                return EvaluateBinary(binary, row);
            case ComparisonExpression comparison:
                return EvaluateComparison(comparison, row);
            case IsNullExpression isNull:
                return CypherValue.From(Evaluate(isNull.Operand, row).IsNull != isNull.Negated);
            case HasLabelsExpression hasLabels:
                return EvaluateHasLabels(hasLabels, row);
            case FunctionCallExpression call:
                return EvaluateFunction(call, row);
            case CountStarExpression:
                throw CypherException.Syntax("InvalidAggregation", "count(*) is only allowed in WITH and RETURN.", default);
            case CaseExpression caseExpression:
                return EvaluateCase(caseExpression, row);
            case ListComprehensionExpression comprehension:
                return EvaluateListComprehension(comprehension, row);
            case QuantifierExpression quantifier:
                return EvaluateQuantifier(quantifier, row);
            case ReduceExpression reduce:
                return EvaluateReduce(reduce, row);
            case PatternExpression pattern:
                return new ListValue(Matcher.MatchPaths(pattern.Pattern, row).ToList());
            case PatternComprehensionExpression comprehension:
                return EvaluatePatternComprehension(comprehension, row);
            case ExistsSubqueryExpression { Query: { } query }:
                return CypherValue.From(new QueryExecutor(_context).HasRows(query, row));
            case ExistsSubqueryExpression exists:
                return CypherValue.From(Matcher.MatchAll(exists.Patterns, row, exists.Where).Any());
            default:
                throw new NotSupportedException($"The expression {expression.GetType().Name} is not supported.");
        }
    }

    private CypherValue EvaluateParameter(ParameterExpression parameter)
    {
        if (!_context.Parameters.TryGetValue(parameter.Name, out var value))
        {
            throw new CypherException("ParameterMissing", "MissingParameter", CypherErrorPhase.Runtime,
                $"The query uses the parameter ${parameter.Name}, but no value was supplied for it.");
        }

        return value;
    }

    private static CypherValue EvaluateVariable(VariableExpression variable, Row row)
    {
        if (!row.TryGet(variable.Name, out var value))
        {
            throw new CypherException("SyntaxError", "UndefinedVariable", CypherErrorPhase.CompileTime,
                $"The variable '{variable.Name}' is not defined.");
        }

        return value;
    }

    public static CypherValue ReadProperty(CypherValue target, string key)
    {
        switch (target)
        {
            case NullValue:
                return CypherValue.Null;
            case NodeValue node:
                EnsureNotDeleted(node.Node.IsDeleted);
                return node.Node.Properties.TryGetValue(key, out var nodeValue) ? nodeValue : CypherValue.Null;
            case RelationshipValue relationship:
                EnsureNotDeleted(relationship.Relationship.IsDeleted);
                return relationship.Relationship.Properties.TryGetValue(key, out var relationshipValue) ? relationshipValue : CypherValue.Null;
            case MapValue map:
                return map.Entries.TryGetValue(key, out var entry) ? entry : CypherValue.Null;
            default:
                if (Temporal.TemporalProperties.TryRead(target, key, out var component))
                {
                    return component;
                }

                throw CypherException.Type("InvalidArgumentType", $"Cannot read the property '{key}' of a {target.TypeName}.");
        }
    }

    private static void EnsureNotDeleted(bool deleted)
    {
        if (deleted)
        {
            throw new CypherException("EntityNotFound", "DeletedEntityAccess", CypherErrorPhase.Runtime,
                "The query reads a property of an element that it deleted earlier.");
        }
    }

    private static CypherValue EvaluateIndex(CypherValue target, CypherValue index)
    {
        if (target.IsNull || index.IsNull)
        {
            return CypherValue.Null;
        }

        switch (target)
        {
            case ListValue list when index is IntegerValue position:
                var i = position.Value < 0 ? list.Items.Count + position.Value : position.Value;
                return i >= 0 && i < list.Items.Count ? list.Items[(int)i] : CypherValue.Null;
            case ListValue:
                throw CypherException.Type("InvalidArgumentType", $"A list index must be an integer, not a {index.TypeName}.");
            case MapValue or NodeValue or RelationshipValue when index is StringValue key:
                return ReadProperty(target, key.Value);
            case MapValue or NodeValue or RelationshipValue:
                throw CypherException.Type("MapElementAccessByNonString", $"A map key must be a string, not a {index.TypeName}.");
            default:
                throw CypherException.Type("InvalidArgumentType", $"Cannot index into a {target.TypeName}.");
        }
    }

    private CypherValue EvaluateSlice(SliceExpression slice, Row row)
    {
        var target = Evaluate(slice.Target, row);
        var from = slice.From is null ? null : Evaluate(slice.From, row);
        var to = slice.To is null ? null : Evaluate(slice.To, row);
        if (target.IsNull || from is NullValue || to is NullValue)
        {
            return CypherValue.Null;
        }

        if (target is not ListValue list)
        {
            throw CypherException.Type("InvalidArgumentType", $"Cannot slice a {target.TypeName}.");
        }

        var count = list.Items.Count;
        var start = ResolveSliceBound(from, 0, count);
        var end = ResolveSliceBound(to, count, count);
        return end <= start ? ListValue.Empty : new ListValue(list.Items.Skip(start).Take(end - start).ToList());
    }

    private static int ResolveSliceBound(CypherValue? bound, int fallback, int count)
    {
        if (bound is null)
        {
            return fallback;
        }

        if (bound is not IntegerValue integer)
        {
            throw CypherException.Type("InvalidArgumentType", $"A slice bound must be an integer, not a {bound.TypeName}.");
        }

        var value = integer.Value < 0 ? count + integer.Value : integer.Value;
        return (int)Math.Clamp(value, 0, count);
    }

    private MapValue EvaluateMap(MapExpression map, Row row)
    {
        var entries = new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            entries[key] = Evaluate(value, row);
        }

        return new MapValue(entries);
    }

    private CypherValue EvaluateMapProjection(MapProjectionExpression projection, Row row)
    {
        var subject = EvaluateVariable(new VariableExpression(projection.Variable), row);
        if (subject.IsNull)
        {
            return CypherValue.Null;
        }

        var entries = new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        foreach (var item in projection.Items)
        {
            if (item.AllProperties)
            {
                foreach (var (key, value) in PropertiesOf(subject))
                {
                    entries[key] = value;
                }
            }
            else if (item.Value is null)
            {
                entries[item.Key!] = ReadProperty(subject, item.Key!);
            }
            else
            {
                entries[item.Key!] = Evaluate(item.Value, row);
            }
        }

        return new MapValue(entries);
    }

    public static IEnumerable<KeyValuePair<string, CypherValue>> PropertiesOf(CypherValue value) => value switch
    {
        NodeValue node => node.Node.Properties,
        RelationshipValue relationship => relationship.Relationship.Properties,
        MapValue map => map.Entries,
        _ => throw CypherException.Type("InvalidArgumentType", $"A {value.TypeName} has no properties."),
    };

    private CypherValue EvaluateHasLabels(HasLabelsExpression hasLabels, Row row)
    {
        var target = Evaluate(hasLabels.Target, row);
        return target switch
        {
            NullValue => CypherValue.Null,
            NodeValue node => CypherValue.From(hasLabels.Labels.All(node.Node.Labels.Contains)),
            RelationshipValue relationship => CypherValue.From(hasLabels.Labels.All(label => label == relationship.Relationship.Type)),
            _ => throw CypherException.Type("InvalidArgumentType", $"Cannot check labels on a {target.TypeName}."),
        };
    }

    private CypherValue EvaluateFunction(FunctionCallExpression call, Row row)
    {
        if (FunctionLibrary.IsAggregate(call.Name))
        {
            throw CypherException.Syntax("InvalidAggregation", $"The aggregate function {call.Name} is not allowed here.", call.Position);
        }

        var arguments = call.Arguments.Select(argument => Evaluate(argument, row)).ToList();
        return _functions.Invoke(call, arguments);
    }

    private CypherValue EvaluateCase(CaseExpression caseExpression, Row row)
    {
        var test = caseExpression.Test is null ? null : Evaluate(caseExpression.Test, row);
        foreach (var (when, then) in caseExpression.Alternatives)
        {
            var matches = test is null
                ? IsTrue(when, row)
                : CypherEquality.AreEqual(test, Evaluate(when, row)) == true;
            if (matches)
            {
                return Evaluate(then, row);
            }
        }

        return caseExpression.Else is null ? CypherValue.Null : Evaluate(caseExpression.Else, row);
    }

    private CypherValue EvaluateListComprehension(ListComprehensionExpression comprehension, Row row)
    {
        var source = Evaluate(comprehension.Source, row);
        if (source.IsNull)
        {
            return CypherValue.Null;
        }

        var results = new List<CypherValue>();
        foreach (var item in AsList(source))
        {
            var inner = row.With(comprehension.Variable, item);
            if (comprehension.Where is not null && !IsTrue(comprehension.Where, inner))
            {
                continue;
            }

            results.Add(comprehension.Projection is null ? item : Evaluate(comprehension.Projection, inner));
        }

        return new ListValue(results);
    }

    private CypherValue EvaluateQuantifier(QuantifierExpression quantifier, Row row)
    {
        var source = Evaluate(quantifier.Source, row);
        if (source.IsNull)
        {
            return CypherValue.Null;
        }

        var trueCount = 0;
        var nullCount = 0;
        var total = 0;
        foreach (var item in AsList(source))
        {
            total++;
            var result = quantifier.Where is null ? item : Evaluate(quantifier.Where, row.With(quantifier.Variable, item));
            switch (result)
            {
                case BooleanValue { Value: true }:
                    trueCount++;
                    break;
                case NullValue:
                    nullCount++;
                    break;
                case BooleanValue:
                    break;
                default:
                    throw CypherException.Type("InvalidArgumentType", $"A quantifier predicate must be a boolean, not a {result.TypeName}.");
            }
        }

        return QuantifierResult(quantifier.Kind, trueCount, total - trueCount - nullCount, nullCount);
    }

    // A null predicate result makes the result null only when the known results do not already decide it.
    private static CypherValue QuantifierResult(QuantifierKind kind, int trueCount, int falseCount, int nullCount)
    {
        bool? decided = kind switch
        {
            QuantifierKind.All when falseCount > 0 => false,
            QuantifierKind.Any when trueCount > 0 => true,
            QuantifierKind.None when trueCount > 0 => false,
            QuantifierKind.Single when trueCount > 1 => false,
            _ => null,
        };
        if (decided is not null)
        {
            return CypherValue.From(decided.Value);
        }

        if (nullCount > 0)
        {
            return CypherValue.Null;
        }

        return kind switch
        {
            QuantifierKind.All => CypherValue.True,
            QuantifierKind.Any => CypherValue.False,
            QuantifierKind.None => CypherValue.True,
            _ => CypherValue.From(trueCount == 1),
        };
    }

    private CypherValue EvaluateReduce(ReduceExpression reduce, Row row)
    {
        var source = Evaluate(reduce.Source, row);
        if (source.IsNull)
        {
            return CypherValue.Null;
        }

        var accumulator = Evaluate(reduce.Initial, row);
        foreach (var item in AsList(source))
        {
            var inner = row.With(reduce.Accumulator, accumulator).With(reduce.Variable, item);
            accumulator = Evaluate(reduce.Body, inner);
        }

        return accumulator;
    }

    private ListValue EvaluatePatternComprehension(PatternComprehensionExpression comprehension, Row row)
    {
        var results = new List<CypherValue>();
        foreach (var match in Matcher.MatchAll([comprehension.Pattern], row, comprehension.Where))
        {
            results.Add(Evaluate(comprehension.Projection, match));
        }

        return new ListValue(results);
    }

    private static IReadOnlyList<CypherValue> AsList(CypherValue value) => value switch
    {
        ListValue list => list.Items,
        _ => throw CypherException.Type("InvalidArgumentType", $"Expected a list but got a {value.TypeName}."),
    };
}
