using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>
/// Runs a parsed query clause by clause. Each clause consumes all rows of the previous one before the next
/// clause starts, so a read that follows a write always reads its result.
/// </summary>
internal sealed partial class QueryExecutor
{
    private readonly QueryContext _context;
    private readonly ExpressionEvaluator _evaluator;
    private List<string> _scope = [];

    public QueryExecutor(QueryContext context)
    {
        _context = context;
        _evaluator = new ExpressionEvaluator(context);
    }

    public CypherResult Execute(QueryStatement statement)
    {
        IReadOnlyList<string>? columns = null;
        var rows = new List<IReadOnlyList<CypherValue>>();
        foreach (var part in statement.Parts)
        {
            var (partColumns, partRows) = ExecuteSingle(part);
            if (columns is not null && !columns.SequenceEqual(partColumns))
            {
                throw CypherException.Syntax("DifferentColumnsInUnion", "All parts of a UNION must return the same column names.", default);
            }

            columns = partColumns;
            rows.AddRange(partRows);
        }

        if (statement.Parts.Count > 1 && !statement.UnionAll)
        {
            rows = rows.DistinctBy(row => new ValueRowKey(row)).ToList();
        }

        return new CypherResult(columns ?? [], rows, _context.Statistics);
    }

    private (IReadOnlyList<string> Columns, List<IReadOnlyList<CypherValue>> Rows) ExecuteSingle(SingleQuery query)
    {
        _scope = [];
        var rows = new List<Row> { Row.Empty };
        foreach (var clause in query.Clauses)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (clause is ReturnClause returnClause)
                {
                    var (columns, projected) = Project(rows, returnClause.Projection);
                    return (columns, projected.Select(row => (IReadOnlyList<CypherValue>)columns.Select(column => row[column]).ToList()).ToList());
                }

                rows = ExecuteClause(clause, rows);
            }
            catch (CypherException exception)
            {
                // A runtime error points at the clause that raised it, because expressions carry no positions.
                throw exception.AtPosition(clause.Position);
            }
        }

        // A query that is only a CALL returns the procedure's outputs as its columns, and nothing for a procedure without outputs.
        if (query.Clauses is [CallClause standalone])
        {
            var columns = CallColumns(standalone);
            if (columns.Count == 0)
            {
                return ([], []);
            }

            return (columns, rows.Select(row => (IReadOnlyList<CypherValue>)columns.Select(column => row[column]).ToList()).ToList());
        }

        return ([], []);
    }

    /// <summary>Runs a subquery for one outer row, whose variables it can read, and reports whether it yields a row.</summary>
    public bool HasRows(SingleQuery query, Row outer)
    {
        _scope = outer.Names.ToList();
        var rows = new List<Row> { outer };
        foreach (var clause in query.Clauses)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            rows = clause is ReturnClause returnClause ? Project(rows, returnClause.Projection).Rows : ExecuteClause(clause, rows);
        }

        return rows.Count > 0;
    }

    private List<Row> ExecuteClause(Clause clause, List<Row> rows) => clause switch
    {
        MatchClause match => ExecuteMatch(match, rows),
        UnwindClause unwind => ExecuteUnwind(unwind, rows),
        WithClause with => ExecuteWith(with, rows),
        CreateClause create => ExecuteCreate(create, rows),
        MergeClause merge => ExecuteMerge(merge, rows),
        SetClause set => ExecuteSet(set, rows),
        RemoveClause remove => ExecuteRemove(remove, rows),
        DeleteClause delete => ExecuteDelete(delete, rows),
        CallClause call => ExecuteCall(call, rows),
        _ => throw new NotSupportedException($"The clause {clause.GetType().Name} is not supported."),
    };

    private List<Row> ExecuteMatch(MatchClause match, List<Row> rows)
    {
        var newVariables = PatternVariables(match.Patterns).Where(name => !_scope.Contains(name)).ToList();
        var result = new List<Row>();
        foreach (var row in rows)
        {
            var matched = false;
            foreach (var extended in _evaluator.Matcher.MatchAll(match.Patterns, row, match.Where))
            {
                matched = true;
                result.Add(extended);
            }

            if (!matched && match.Optional)
            {
                result.Add(row.With(newVariables.Select(name => new KeyValuePair<string, CypherValue>(name, CypherValue.Null))));
            }
        }

        AddToScope(newVariables);
        return result;
    }

    private List<Row> ExecuteUnwind(UnwindClause unwind, List<Row> rows)
    {
        var result = new List<Row>();
        foreach (var row in rows)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            var value = _evaluator.Evaluate(unwind.Source, row);
            switch (value)
            {
                case NullValue:
                    break;
                case ListValue list:
                    result.AddRange(list.Items.Select(item => row.With(unwind.Variable, item)));
                    break;
                default:
                    result.Add(row.With(unwind.Variable, value));
                    break;
            }
        }

        AddToScope([unwind.Variable]);
        return result;
    }

    private List<Row> ExecuteWith(WithClause with, List<Row> rows)
    {
        var (columns, projected) = ProjectWithScope(rows, with.Projection);
        _scope = columns.ToList();
        if (with.Where is null)
        {
            return projected.Select(row => row.Output).ToList();
        }

        return projected.Where(row => _evaluator.IsTrue(with.Where, row.SortScope)).Select(row => row.Output).ToList();
    }

    private void AddToScope(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!_scope.Contains(name))
            {
                _scope.Add(name);
            }
        }
    }

    internal static IEnumerable<string> PatternVariables(IEnumerable<PatternPart> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.PathVariable is not null)
            {
                yield return pattern.PathVariable;
            }

            for (var i = 0; i < pattern.Nodes.Count; i++)
            {
                if (pattern.Nodes[i].Variable is { } nodeVariable)
                {
                    yield return nodeVariable;
                }

                if (i < pattern.Relationships.Count && pattern.Relationships[i].Variable is { } relationshipVariable)
                {
                    yield return relationshipVariable;
                }
            }
        }
    }
}
