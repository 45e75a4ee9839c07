namespace IntelGraph.Cypher.Syntax;

/// <summary>
/// Checks a parsed query before it runs, for the errors openCypher reports at compile time: undefined or
/// conflicting variables, invalid patterns in CREATE and MERGE, misplaced aggregates, and operators applied
/// to literals of the wrong type. Every error is a SyntaxError with the TCK detail name.
/// </summary>
internal sealed partial class SemanticAnalyzer
{
    private readonly Procedures.ProcedureRegistry _procedures;
    private Dictionary<string, VariableKind> _scope = new(StringComparer.Ordinal);

    private SemanticAnalyzer(Procedures.ProcedureRegistry procedures)
    {
        _procedures = procedures;
    }

    public static void Check(QueryStatement statement, Procedures.ProcedureRegistry procedures)
    {
        List<string>? columns = null;
        foreach (var part in statement.Parts)
        {
            var partColumns = new SemanticAnalyzer(procedures).CheckSingleQuery(part);
            if (columns is not null && !columns.SequenceEqual(partColumns))
            {
                throw Error("DifferentColumnsInUnion", "All parts of a UNION must return the same column names, in the same order.", part.Clauses[0].Position);
            }

            columns = partColumns;
        }
    }

    private List<string> CheckSingleQuery(SingleQuery query, bool isSubquery = false)
    {
        for (var i = 0; i < query.Clauses.Count; i++)
        {
            var clause = query.Clauses[i];
            var isLast = i == query.Clauses.Count - 1;
            try
            {
                var columns = CheckClause(query, clause, isLast, isSubquery);
                if (columns is not null)
                {
                    return columns;
                }
            }
            catch (CypherException exception)
            {
                // Expressions carry no positions of their own, so their errors point at the clause that contains them.
                throw exception.AtPosition(clause.Position);
            }
        }

        return [];
    }

    // Returns the result columns when the clause is the final RETURN, and null otherwise.
    private List<string>? CheckClause(SingleQuery query, Clause clause, bool isLast, bool isSubquery)
    {
        if (isSubquery && clause is CreateClause or MergeClause or SetClause or RemoveClause or DeleteClause)
        {
            throw Error("InvalidClauseComposition", "An EXISTS subquery only reads, so it cannot contain CREATE, MERGE, SET, REMOVE or DELETE.", clause.Position);
        }

        switch (clause)
        {
            case MatchClause match:
                CheckPatterns(match.Patterns, PatternUse.Match, match.Position);
                CheckPredicate(match.Where);
                break;
            case UnwindClause unwind:
                CheckExpression(unwind.Source, aggregatesAllowed: false);
                _scope[unwind.Variable] = VariableKind.Any;
                break;
            case WithClause with:
                var before = _scope;
                CheckProjection(with.Projection, isWith: true, with.Position);
                CheckWithWhere(with.Where, before);
                break;
            case ReturnClause returnClause:
                if (!isLast)
                {
                    throw Error("InvalidClauseComposition", "RETURN must be the last clause of a query.", returnClause.Position);
                }

                return CheckProjection(returnClause.Projection, isWith: false, returnClause.Position);
            case CreateClause create:
                CheckPatterns(create.Patterns, PatternUse.Create, create.Position);
                break;
            case MergeClause merge:
                CheckPatterns([merge.Pattern], PatternUse.Merge, merge.Position);
                CheckSetItems(merge.OnCreate.Concat(merge.OnMatch));
                break;
            case SetClause set:
                CheckSetItems(set.Items);
                break;
            case RemoveClause remove:
                CheckRemoveItems(remove.Items);
                break;
            case DeleteClause delete:
                CheckDelete(delete);
                break;
            case CallClause call:
                CheckCall(call, standalone: query.Clauses.Count == 1);
                break;
        }

        if (isLast && !isSubquery && clause is MatchClause or UnwindClause or WithClause)
        {
            throw Error("InvalidClauseComposition", "A query cannot end with MATCH, UNWIND or WITH. Finish it with RETURN or an update.", clause.Position);
        }

        return null;
    }

    private List<string> CheckProjection(Projection projection, bool isWith, SourcePosition position)
    {
        if (!isWith && projection.IncludesAll && _scope.Count == 0 && projection.Items.Count == 0)
        {
            throw Error("NoVariablesInScope", "RETURN * and WITH * need at least one variable in scope.", position);
        }

        var newScope = projection.IncludesAll
            ? new Dictionary<string, VariableKind>(_scope, StringComparer.Ordinal)
            : new Dictionary<string, VariableKind>(StringComparer.Ordinal);
        var names = projection.IncludesAll ? _scope.Keys.ToList() : [];
        foreach (var item in projection.Items)
        {
            if (item.Expression is PatternExpression)
            {
                throw Error("UnexpectedSyntax", "A pattern can only be used as a predicate, not as a projected value. Use a pattern comprehension to collect matches.", position);
            }

            CheckExpression(item.Expression, aggregatesAllowed: true);
            if (isWith && !item.HasAlias && item.Expression is not VariableExpression)
            {
                throw Error("NoExpressionAlias", $"The expression '{item.Name}' in WITH needs an alias (AS name).", position);
            }

            if (names.Contains(item.Name))
            {
                throw Error("ColumnNameConflict", $"The column name '{item.Name}' is used more than once.", position);
            }

            names.Add(item.Name);
            newScope[item.Name] = KindOf(item.Expression);
        }

        var isAggregating = projection.Items.Any(item => ContainsAggregate(item.Expression));
        if (isAggregating)
        {
            CheckAmbiguousAggregation(projection, position);
        }

        CheckOrderBy(projection, isAggregating, newScope, position);
        CheckCount(projection.Skip, "SKIP", position);
        CheckCount(projection.Limit, "LIMIT", position);
        _scope = newScope;
        return names;
    }

    private void CheckOrderBy(Projection projection, bool isAggregating, Dictionary<string, VariableKind> newScope, SourcePosition position)
    {
        if (projection.OrderBy.Count == 0)
        {
            return;
        }

        // ORDER BY reads the projected columns, and also the earlier variables unless DISTINCT or aggregation removed them.
        var sortScope = projection.Distinct || isAggregating
            ? new Dictionary<string, VariableKind>(newScope, StringComparer.Ordinal)
            : new Dictionary<string, VariableKind>(_scope.Concat(newScope).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal);
        var outer = _scope;
        _scope = sortScope;
        try
        {
            foreach (var sort in projection.OrderBy)
            {
                var projected = projection.Items.Any(item => item.Expression == sort.Expression);
                if (ContainsAggregate(sort.Expression) && !isAggregating)
                {
                    throw Error("InvalidAggregation", "ORDER BY can only use an aggregate when the projection aggregates too.", position);
                }

                var projectedAggregates = projection.Items.SelectMany(item => Execution.Aggregation.FindAggregates(item.Expression)).ToList();
                if (Execution.Aggregation.FindAggregates(sort.Expression).Any(aggregate => !projectedAggregates.Any(projectedAggregate => SyntaxEquality.AreSame(aggregate, projectedAggregate))))
                {
                    throw Error("UndefinedVariable", "ORDER BY can only use an aggregate that the projection also returns.", position);
                }

                if (projected)
                {
                    continue;
                }

                if ((projection.Distinct || isAggregating) && !ReferencesOnly(sort.Expression, newScope, outer, projection))
                {
                    throw Error("UndefinedVariable", "ORDER BY after DISTINCT or aggregation can only use the projected columns.", position);
                }

                // The references were validated above, so the check runs against every name the sort may see.
                _scope = new Dictionary<string, VariableKind>(outer.Concat(newScope).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal);
                CheckExpression(sort.Expression, aggregatesAllowed: isAggregating);
                _scope = sortScope;
                if (isAggregating && ContainsAggregate(sort.Expression))
                {
                    var keys = GroupingKeys(projection);
                    keys.UnionWith(projection.Items.Where(item => !ContainsAggregate(item.Expression)).Select(item => item.Name));
                    CheckAggregateItem(sort.Expression, keys, position);
                }
            }
        }
        finally
        {
            _scope = outer;
        }
    }

    // A sort key after DISTINCT or aggregation may use projected names, or whole projected expressions (ORDER BY a.name after RETURN DISTINCT a.name).
    private bool ReferencesOnly(Expression expression, Dictionary<string, VariableKind> projected, Dictionary<string, VariableKind> outer, Projection projection)
    {
        if (projection.Items.Any(item => item.Expression == expression || TextEquals(item, expression)))
        {
            return true;
        }

        if (expression is VariableExpression variable)
        {
            return projected.ContainsKey(variable.Name);
        }

        if (IsAggregate(expression))
        {
            return FreeVariables(expression).All(name => outer.ContainsKey(name) || projected.ContainsKey(name));
        }

        var children = ExpressionChildren.Of(expression).ToList();
        return children.All(child => ReferencesOnly(child, projected, outer, projection));
    }

    private static bool TextEquals(ProjectionItem item, Expression expression) =>
        expression is PropertyExpression { Target: VariableExpression target } property &&
        item.Expression is PropertyExpression { Target: VariableExpression itemTarget } itemProperty &&
        target.Name == itemTarget.Name && property.Key == itemProperty.Key;

    private void CheckCount(Expression? expression, string clause, SourcePosition position)
    {
        if (expression is null)
        {
            return;
        }

        if (FreeVariables(expression).Any() || ContainsPattern(expression))
        {
            throw Error("NonConstantExpression", $"{clause} must not depend on variables.", position);
        }

        if (expression is LiteralExpression { Value: Values.IntegerValue { Value: < 0 } })
        {
            throw Error("NegativeIntegerArgument", $"{clause} needs a non-negative integer.", position);
        }

        if (expression is LiteralExpression { Value: not Values.IntegerValue })
        {
            throw Error("InvalidArgumentType", $"{clause} needs an integer.", position);
        }
    }

    // The WHERE of a WITH filters the projected rows but may still read the variables from before the projection.
    private void CheckWithWhere(Expression? where, Dictionary<string, VariableKind> before)
    {
        if (where is null)
        {
            return;
        }

        var projected = _scope;
        _scope = new Dictionary<string, VariableKind>(before.Concat(projected).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal);
        try
        {
            CheckExpression(where, aggregatesAllowed: false);
        }
        finally
        {
            _scope = projected;
        }
    }

    // A WHERE condition must be boolean, so a node, relationship or path on its own is a type error.
    private void CheckPredicate(Expression? where)
    {
        if (where is null)
        {
            return;
        }

        if (KindOf(where) is VariableKind.Node or VariableKind.Relationship or VariableKind.Path)
        {
            throw Error("InvalidArgumentType", "WHERE needs a boolean condition, not a graph element.", default);
        }

        CheckExpression(where, aggregatesAllowed: false);
    }

    private void CheckOptional(Expression? expression, bool aggregatesAllowed)
    {
        if (expression is not null)
        {
            CheckExpression(expression, aggregatesAllowed);
        }
    }

    private void CheckSetItems(IEnumerable<SetItem> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case SetPropertyItem property:
                    CheckExpression(property.Target.Target, aggregatesAllowed: false);
                    if (property.Value is PatternExpression)
                    {
                        throw Error("UnexpectedSyntax", "A pattern can only be used as a predicate, not as a property value.", default);
                    }

                    CheckExpression(property.Value, aggregatesAllowed: false);
                    break;
                case SetAllPropertiesItem all:
                    RequireVariable(all.Variable);
                    CheckExpression(all.Value, aggregatesAllowed: false);
                    break;
                case SetLabelsItem labels:
                    RequireVariable(labels.Variable);
                    break;
            }
        }
    }

    private void CheckRemoveItems(IEnumerable<RemoveItem> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case RemovePropertyItem property:
                    CheckExpression(property.Target.Target, aggregatesAllowed: false);
                    break;
                case RemoveLabelsItem labels:
                    RequireVariable(labels.Variable);
                    break;
            }
        }
    }

    private void CheckDelete(DeleteClause delete)
    {
        foreach (var target in delete.Targets)
        {
            if (target is HasLabelsExpression)
            {
                throw Error("InvalidDelete", "DELETE removes nodes, relationships or paths. Use REMOVE to remove a label.", delete.Position);
            }

            if (target is not (VariableExpression or PropertyExpression or IndexExpression or FunctionCallExpression or ParameterExpression or LiteralExpression { Value.IsNull: true }))
            {
                throw Error("InvalidArgumentType", "DELETE needs a node, relationship or path expression.", delete.Position);
            }

            CheckExpression(target, aggregatesAllowed: false);
        }
    }

    private void RequireVariable(string name)
    {
        if (!_scope.ContainsKey(name))
        {
            throw Error("UndefinedVariable", $"The variable '{name}' is not defined.", default);
        }
    }

    private static CypherException Error(string detail, string message, SourcePosition position) =>
        CypherException.Syntax(detail, message, position);
}
