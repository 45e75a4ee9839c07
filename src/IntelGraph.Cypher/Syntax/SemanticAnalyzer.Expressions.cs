using IntelGraph.Cypher.Execution;
using IntelGraph.Cypher.Functions;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Syntax;

/// <summary>Expression checks: variables in scope, known functions, aggregate placement and literal types.</summary>
internal sealed partial class SemanticAnalyzer
{
    private void CheckExpression(Expression expression, bool aggregatesAllowed, bool insideAggregate = false)
    {
        switch (expression)
        {
            case VariableExpression variable:
                if (!_scope.ContainsKey(variable.Name))
                {
                    throw Error("UndefinedVariable", $"The variable '{variable.Name}' is not defined.", default);
                }

                return;
            case CountStarExpression:
                CheckAggregatePlacement("count(*)", aggregatesAllowed, insideAggregate, default);
                return;
            case FunctionCallExpression call:
                CheckFunctionCall(call, aggregatesAllowed, insideAggregate);
                return;
            case ListComprehensionExpression comprehension:
                CheckExpression(comprehension.Source, aggregatesAllowed, insideAggregate);
                WithLocal(comprehension.Variable, () =>
                {
                    CheckOptional(comprehension.Where, aggregatesAllowed: false);
                    CheckOptional(comprehension.Projection, aggregatesAllowed: false);
                });
                CheckConstantTypes(comprehension);
                return;
            case QuantifierExpression quantifier:
                CheckExpression(quantifier.Source, aggregatesAllowed, insideAggregate);
                WithLocal(quantifier.Variable, () => CheckOptional(quantifier.Where, aggregatesAllowed: false));
                CheckConstantTypes(quantifier);
                return;
            case ReduceExpression reduce:
                CheckExpression(reduce.Initial, aggregatesAllowed, insideAggregate);
                CheckExpression(reduce.Source, aggregatesAllowed, insideAggregate);
                WithLocal(reduce.Accumulator, () => WithLocal(reduce.Variable, () => CheckExpression(reduce.Body, aggregatesAllowed: false)));
                return;
            case PatternExpression pattern:
                CheckPatternExpression(pattern.Pattern);
                return;
            case PatternComprehensionExpression comprehension:
                CheckPatternComprehension(comprehension);
                return;
            case ExistsSubqueryExpression { Query: { } query }:
                new SemanticAnalyzer(_procedures) { _scope = new Dictionary<string, VariableKind>(_scope, StringComparer.Ordinal) }
                    .CheckSingleQuery(query, isSubquery: true);
                return;
            case ExistsSubqueryExpression exists:
                CheckExistsPatterns(exists);
                return;
            case PropertyExpression { Target: VariableExpression target } when _scope.GetValueOrDefault(target.Name) is VariableKind.Value or VariableKind.List:
                throw new CypherException("TypeError", "InvalidArgumentType", CypherErrorPhase.CompileTime,
                    $"'{target.Name}' is a {_scope[target.Name]}, not a map or graph element, so it has no properties.");
            case PropertyExpression { Target: VariableExpression target } when _scope.GetValueOrDefault(target.Name) == VariableKind.Path:
                throw Error("InvalidArgumentType", $"A path has no properties, so '{target.Name}' cannot be used with a property key.", default);
            case MapProjectionExpression projection when !_scope.ContainsKey(projection.Variable):
                throw Error("UndefinedVariable", $"The variable '{projection.Variable}' is not defined.", default);
        }

        foreach (var child in ExpressionChildren.Of(expression))
        {
            CheckExpression(child, aggregatesAllowed, insideAggregate);
        }

        if (expression is UnaryExpression or BinaryExpression or ComparisonExpression)
        {
            CheckConstantTypes(expression);
        }
    }

    private static void CheckConstantTypes(Expression expression)
    {
        if (IsConstant(expression))
        {
            ConstantFolding.CheckTypes(expression);
        }
    }

    // The pattern form binds its new variables only inside the braces.
    private void CheckExistsPatterns(ExistsSubqueryExpression exists)
    {
        var outer = _scope;
        _scope = new Dictionary<string, VariableKind>(outer, StringComparer.Ordinal);
        try
        {
            CheckPatterns(exists.Patterns, PatternUse.Match, exists.Patterns.Count > 0 ? exists.Patterns[0].Nodes[0].Position : default);
            CheckPredicate(exists.Where);
        }
        finally
        {
            _scope = outer;
        }
    }

    private void CheckFunctionCall(FunctionCallExpression call, bool aggregatesAllowed, bool insideAggregate)
    {
        if (!call.Name.Equals("exists", StringComparison.OrdinalIgnoreCase) && call.Arguments.Any(argument => argument is PatternExpression))
        {
            throw Error("UnexpectedSyntax", $"A pattern can only be used as a predicate, not as an argument of {call.Name}. Use a pattern comprehension to collect matches.", call.Position);
        }

        if (!FunctionLibrary.IsKnown(call.Name))
        {
            throw Error("UnknownFunction", $"The function {call.Name} does not exist.", call.Position);
        }

        var isAggregate = FunctionLibrary.IsAggregate(call.Name);
        if (isAggregate)
        {
            CheckAggregatePlacement(call.Name, aggregatesAllowed, insideAggregate, call.Position);
            if (call.Arguments.Any(argument => argument is FunctionCallExpression { Name: var name } && name.Equals("rand", StringComparison.OrdinalIgnoreCase)))
            {
                throw Error("NonConstantExpression", "An aggregate cannot take rand() as its argument.", call.Position);
            }
        }
        else if (call.Distinct)
        {
            throw Error("InvalidArgumentPassingMode", $"DISTINCT is only allowed in aggregate functions, not in {call.Name}.", call.Position);
        }

        CheckArgumentKinds(call);
        foreach (var argument in call.Arguments)
        {
            CheckExpression(argument, aggregatesAllowed, insideAggregate || isAggregate);
        }
    }

    private void CheckArgumentKinds(FunctionCallExpression call)
    {
        if (call.Arguments.Count != 1)
        {
            return;
        }

        var argument = call.Arguments[0];
        var kind = KindOf(argument);
        var name = call.Name.ToLowerInvariant();
        var invalid = name switch
        {
            "type" => kind is VariableKind.Node or VariableKind.Path,
            "length" => kind is VariableKind.Node or VariableKind.Relationship,
            "size" => kind is VariableKind.Path || argument is PatternExpression,
            "labels" => kind is VariableKind.Relationship or VariableKind.Path,
            "properties" => kind is VariableKind.List or VariableKind.Value,
            _ => false,
        };
        if (invalid)
        {
            throw Error("InvalidArgumentType", $"The function {call.Name} does not accept a {kind} argument.", call.Position);
        }
    }

    private static void CheckAggregatePlacement(string name, bool aggregatesAllowed, bool insideAggregate, SourcePosition position)
    {
        if (insideAggregate)
        {
            throw Error("NestedAggregation", $"The aggregate {name} cannot be nested inside another aggregate.", position);
        }

        if (!aggregatesAllowed)
        {
            throw Error("InvalidAggregation", $"The aggregate {name} is only allowed in WITH and RETURN items.", position);
        }
    }

    private void CheckPatternExpression(PatternPart pattern)
    {
        foreach (var name in QueryVariables(pattern))
        {
            if (!_scope.ContainsKey(name))
            {
                throw Error("UndefinedVariable", $"The pattern introduces the new variable '{name}', which a pattern expression cannot do.", pattern.Nodes[0].Position);
            }
        }

        foreach (var properties in pattern.Nodes.Select(node => node.Properties).Concat(pattern.Relationships.Select(r => r.Properties)).OfType<Expression>())
        {
            CheckExpression(properties, aggregatesAllowed: false);
        }
    }

    private void CheckPatternComprehension(PatternComprehensionExpression comprehension)
    {
        var outer = _scope;
        _scope = new Dictionary<string, VariableKind>(outer, StringComparer.Ordinal);
        try
        {
            foreach (var name in QueryVariables(comprehension.Pattern).Where(name => !_scope.ContainsKey(name)))
            {
                _scope[name] = VariableKind.Any;
            }

            if (comprehension.PathVariable is not null)
            {
                _scope[comprehension.PathVariable] = VariableKind.Path;
            }

            CheckOptional(comprehension.Where, aggregatesAllowed: false);
            CheckExpression(comprehension.Projection, aggregatesAllowed: false);
        }
        finally
        {
            _scope = outer;
        }
    }

    private static IEnumerable<string> QueryVariables(PatternPart pattern) =>
        Execution.QueryExecutor.PatternVariables([pattern with { PathVariable = null }]);

    private void WithLocal(string name, Action check)
    {
        var outer = _scope;
        _scope = new Dictionary<string, VariableKind>(outer, StringComparer.Ordinal) { [name] = VariableKind.Any };
        try
        {
            check();
        }
        finally
        {
            _scope = outer;
        }
    }

    private VariableKind KindOf(Expression expression) => expression switch
    {
        VariableExpression variable => _scope.GetValueOrDefault(variable.Name, VariableKind.Any),
        ListExpression or LiteralExpression { Value: ListValue } => VariableKind.List,
        MapExpression or LiteralExpression { Value: MapValue } => VariableKind.Map,
        LiteralExpression { Value: not NullValue } => VariableKind.Value,
        _ => VariableKind.Any,
    };

    // A constant expression depends on no row, parameter or graph, so evaluating it during analysis is safe.
    // The variable of a list comprehension or quantifier over a constant list counts as constant inside it.
    private static bool IsConstant(Expression expression) => IsConstant(expression, new HashSet<string>());

    private static bool IsConstant(Expression expression, IReadOnlySet<string> locals) => expression switch
    {
        LiteralExpression => true,
        VariableExpression variable => locals.Contains(variable.Name),
        QuantifierExpression quantifier => IsConstant(quantifier.Source, locals) &&
            (quantifier.Where is null || IsConstant(quantifier.Where, new HashSet<string>(locals) { quantifier.Variable })),
        ListComprehensionExpression comprehension => IsConstant(comprehension.Source, locals) &&
            ExpressionChildren.Of(comprehension).Skip(1).All(child => IsConstant(child, new HashSet<string>(locals) { comprehension.Variable })),
        ListExpression or MapExpression or UnaryExpression or BinaryExpression or ComparisonExpression or IsNullExpression
            => ExpressionChildren.Of(expression).All(child => IsConstant(child, locals)),
        _ => false,
    };

    private static bool IsAggregate(Expression expression) =>
        expression is CountStarExpression || (expression is FunctionCallExpression call && FunctionLibrary.IsAggregate(call.Name));

    private static bool ContainsAggregate(Expression expression) =>
        IsAggregate(expression) || ExpressionChildren.Of(expression).Any(ContainsAggregate);

    private static bool ContainsPattern(Expression expression) =>
        expression is PatternExpression or PatternComprehensionExpression || ExpressionChildren.Of(expression).Any(ContainsPattern);

    private static IEnumerable<string> FreeVariables(Expression expression)
    {
        if (expression is VariableExpression variable)
        {
            return [variable.Name];
        }

        var local = expression switch
        {
            ListComprehensionExpression comprehension => comprehension.Variable,
            QuantifierExpression quantifier => quantifier.Variable,
            ReduceExpression reduce => reduce.Variable,
            _ => null,
        };
        var names = ExpressionChildren.Of(expression).SelectMany(FreeVariables);
        if (expression is ReduceExpression r)
        {
            names = names.Where(name => name != r.Accumulator);
        }

        return local is null ? names : names.Where(name => name != local);
    }
}
