using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>WITH and RETURN: projection, grouping with aggregates, DISTINCT, ORDER BY, SKIP and LIMIT.</summary>
internal sealed partial class QueryExecutor
{
    /// <summary>A projected row with the row that ORDER BY reads, which also contains the variables from before the projection.</summary>
    private sealed record ProjectedRow(Row Output, Row SortScope, IReadOnlyDictionary<Expression, CypherValue>? Aggregates);

    private (IReadOnlyList<string> Columns, List<Row> Rows) Project(List<Row> rows, Projection projection)
    {
        var (columns, projected) = ProjectWithScope(rows, projection);
        return (columns, projected.Select(row => row.Output).ToList());
    }

    private (IReadOnlyList<string> Columns, List<ProjectedRow> Rows) ProjectWithScope(List<Row> rows, Projection projection)
    {
        var items = ExpandItems(projection);
        var columns = items.Select(item => item.Name).ToList();
        var aggregates = items.SelectMany(item => Aggregation.FindAggregates(item.Expression))
            .Concat(projection.OrderBy.SelectMany(sort => Aggregation.FindAggregates(sort.Expression)))
            .ToList();
        var isAggregating = items.Any(item => Aggregation.ContainsAggregate(item.Expression));

        // Without sorting, deduplication or grouping, rows past SKIP + LIMIT are never seen, so they need not be projected.
        if (!isAggregating && !projection.Distinct && projection.OrderBy.Count == 0 && projection.Limit is not null)
        {
            var needed = Math.Min(EvaluateCount(projection.Skip, "SKIP") ?? 0, int.MaxValue) + Math.Min(EvaluateCount(projection.Limit, "LIMIT")!.Value, int.MaxValue);
            rows = rows.Take((int)Math.Min(needed, int.MaxValue)).ToList();
        }

        var projected = isAggregating ? ProjectGroups(rows, items, aggregates) : ProjectRows(rows, items);
        if (projection.Distinct)
        {
            projected = projected.DistinctBy(row => new ValueRowKey(columns.Select(column => row.Output[column]).ToList())).ToList();
        }

        if (projection.OrderBy.Count > 0)
        {
            projected = Sort(projected, projection.OrderBy);
        }

        var skip = EvaluateCount(projection.Skip, "SKIP");
        var limit = EvaluateCount(projection.Limit, "LIMIT");
        IEnumerable<ProjectedRow> window = projected;
        if (skip is not null)
        {
            window = window.Skip((int)Math.Min(skip.Value, int.MaxValue));
        }

        if (limit is not null)
        {
            window = window.Take((int)Math.Min(limit.Value, int.MaxValue));
        }

        return (columns, window.ToList());
    }

    private List<ProjectionItem> ExpandItems(Projection projection)
    {
        var items = new List<ProjectionItem>();
        if (projection.IncludesAll)
        {
            items.AddRange(_scope.Order(StringComparer.Ordinal).Select(name => new ProjectionItem(new VariableExpression(name), name, HasAlias: true)));
        }

        items.AddRange(projection.Items);
        var duplicate = items.GroupBy(item => item.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw CypherException.Syntax("ColumnNameConflict", $"The column name '{duplicate.Key}' is used more than once.", default);
        }

        return items;
    }

    private List<ProjectedRow> ProjectRows(List<Row> rows, List<ProjectionItem> items)
    {
        var result = new List<ProjectedRow>(rows.Count);
        foreach (var row in rows)
        {
            var values = items.Select(item => new KeyValuePair<string, CypherValue>(item.Name, _evaluator.Evaluate(item.Expression, row))).ToList();
            result.Add(new ProjectedRow(Row.From(values), row.With(values), null));
        }

        return result;
    }

    private List<ProjectedRow> ProjectGroups(List<Row> rows, List<ProjectionItem> items, List<Expression> aggregates)
    {
        var keyItems = items.Where(item => !Aggregation.ContainsAggregate(item.Expression)).ToList();
        var groups = new Dictionary<ValueRowKey, List<Row>>();
        var order = new List<ValueRowKey>();
        foreach (var row in rows)
        {
            var key = new ValueRowKey(keyItems.Select(item => _evaluator.Evaluate(item.Expression, row)).ToList());
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
                order.Add(key);
            }

            members.Add(row);
        }

        // With no grouping keys, aggregating zero rows still yields one row (count 0, collect [], and so on).
        if (order.Count == 0 && keyItems.Count == 0)
        {
            var empty = new ValueRowKey([]);
            groups.Add(empty, []);
            order.Add(empty);
        }

        var result = new List<ProjectedRow>();
        foreach (var key in order)
        {
            var members = groups[key];
            var aggregateValues = new Dictionary<Expression, CypherValue>(ReferenceEqualityComparer.Instance);
            foreach (var aggregate in aggregates)
            {
                aggregateValues[aggregate] = Aggregation.Compute(aggregate, members, _evaluator);
            }

            var scope = members.Count > 0 ? members[0] : Row.Empty;
            var values = items.Select(item => new KeyValuePair<string, CypherValue>(
                item.Name, _evaluator.EvaluateWithAggregates(item.Expression, scope, aggregateValues))).ToList();
            result.Add(new ProjectedRow(Row.From(values), scope.With(values), aggregateValues));
        }

        return result;
    }

    private List<ProjectedRow> Sort(List<ProjectedRow> rows, IReadOnlyList<SortItem> orderBy)
    {
        var keyed = rows.Select(row => (Row: row, Keys: orderBy.Select(sort => row.Aggregates is null
            ? _evaluator.Evaluate(sort.Expression, row.SortScope)
            : _evaluator.EvaluateWithAggregates(sort.Expression, row.SortScope, row.Aggregates)).ToList())).ToList();

        // List.Sort is not stable, and ties must keep their incoming order, so the position breaks ties.
        var indexed = keyed.Select((entry, index) => (entry.Row, entry.Keys, Index: index)).ToList();
        indexed.Sort((a, b) =>
        {
            for (var i = 0; i < orderBy.Count; i++)
            {
                var comparison = CypherOrdering.OrderBy(a.Keys[i], b.Keys[i]);
                if (comparison != 0)
                {
                    return orderBy[i].Descending ? -comparison : comparison;
                }
            }

            return a.Index.CompareTo(b.Index);
        });
        return indexed.Select(entry => entry.Row).ToList();
    }

    private long? EvaluateCount(Expression? expression, string clause)
    {
        if (expression is null)
        {
            return null;
        }

        var value = _evaluator.Evaluate(expression, Row.Empty);
        return value switch
        {
            IntegerValue { Value: >= 0 } integer => integer.Value,
            IntegerValue => throw new CypherException("SyntaxError", "NegativeIntegerArgument", CypherErrorPhase.Runtime, $"{clause} needs a non-negative integer, not {value}."),
            _ => throw new CypherException("SyntaxError", "InvalidArgumentType", CypherErrorPhase.Runtime, $"{clause} needs an integer, not a {value.TypeName}."),
        };
    }
}
