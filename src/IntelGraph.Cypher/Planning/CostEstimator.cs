using IntelGraph.Cypher.Functions;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Planning;

/// <summary>
/// Estimates what a parsed query will read, clause by clause, from the graph's counts. The estimate follows
/// the matcher. A pattern starts at a scan of its first node (or its last, when that is bound or cheaper) and
/// expands one relationship at a time. Each step costs the rows so far times the average fan-out of its types.
/// It is an estimate that errs high: filters are assumed to keep a quarter of the rows and property maps do
/// not use an index. Only literal and parameter values are read; nothing is evaluated against the graph.
/// </summary>
internal sealed class CostEstimator(GraphStatistics statistics, IReadOnlyDictionary<string, CypherValue> parameters)
{
    // Rows that a WHERE clause or a property map keeps; without value statistics a fixed share is the honest choice.
    private const double FilterSelectivity = 0.25;

    // The length assumed for a list whose size cannot be read from the query text or its parameters.
    private const double UnknownListLength = 10;

    // An unbounded variable-length step is costed as if it stopped here; the runtime guard covers the rest.
    private const int UnboundedHops = 10;

    // Every figure is capped so that products of large estimates stay finite.
    private const double Ceiling = 1e15;

    private double _touched;

    public QueryCostEstimate Estimate(QueryStatement statement, QueryCostModel model)
    {
        double returned = 0;
        foreach (var part in statement.Parts)
        {
            returned = Cap(returned + EstimateSingle(part));
        }

        return new QueryCostEstimate(ToLong(_touched), ToLong(returned), model.ToMilliseconds(_touched));
    }

    private double EstimateSingle(SingleQuery query)
    {
        double rows = 1;
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var clause in query.Clauses)
        {
            rows = clause switch
            {
                MatchClause match => Match(match, rows, bound),
                UnwindClause unwind => Unwind(unwind, rows, bound),
                WithClause with => With(with, rows, bound),
                ReturnClause returning => Project(returning.Projection, rows, bound),
                MergeClause merge => Merge(merge, rows, bound),
                CreateClause or SetClause or RemoveClause or DeleteClause or CallClause => Touch(rows),
                _ => rows,
            };
        }

        // A query without RETURN returns nothing, whatever its clauses read.
        return query.Clauses.Count > 0 && query.Clauses[^1] is ReturnClause ? rows : 0;
    }

    private double Match(MatchClause match, double rows, HashSet<string> bound)
    {
        var before = rows;
        foreach (var pattern in match.Patterns)
        {
            rows = Pattern(pattern, rows, bound);
            Bind(pattern, bound);
        }

        if (match.Where is not null)
        {
            Expressions(match.Where, rows, bound);
            rows *= FilterSelectivity;
        }

        // An OPTIONAL MATCH keeps every incoming row, with nulls where nothing matched.
        return Cap(match.Optional ? Math.Max(before, rows) : rows);
    }

    private double Unwind(UnwindClause unwind, double rows, HashSet<string> bound)
    {
        rows = Cap(rows * ListLength(unwind.Source));
        _touched = Cap(_touched + rows);
        bound.Add(unwind.Variable);
        return rows;
    }

    private double With(WithClause with, double rows, HashSet<string> bound)
    {
        rows = Project(with.Projection, rows, bound);
        if (!with.Projection.IncludesAll)
        {
            bound.Clear();
        }

        foreach (var item in with.Projection.Items)
        {
            bound.Add(item.Name);
        }

        if (with.Where is not null)
        {
            Expressions(with.Where, rows, bound);
            rows *= FilterSelectivity;
        }

        return rows;
    }

    private double Merge(MergeClause merge, double rows, HashSet<string> bound)
    {
        // MERGE first looks for the pattern and creates it only where nothing matched, so it costs a match at least.
        var matched = Pattern(merge.Pattern, rows, bound);
        Bind(merge.Pattern, bound);
        return Touch(Math.Max(rows, matched));
    }

    private double Touch(double rows)
    {
        _touched = Cap(_touched + rows);
        return rows;
    }

    private double Project(Projection projection, double rows, HashSet<string> bound)
    {
        foreach (var item in projection.Items)
        {
            Expressions(item.Expression, rows, bound);
        }

        var aggregates = projection.Items.Count(item => ContainsAggregate(item.Expression));
        if (aggregates > 0 && aggregates == projection.Items.Count && !projection.IncludesAll)
        {
            rows = Math.Min(rows, 1);
        }

        if (projection.OrderBy.Count > 0)
        {
            _touched = Cap(_touched + rows);
        }

        if (projection.Skip is not null && ReadCount(projection.Skip) is { } skip)
        {
            rows = Math.Max(0, rows - skip);
        }

        if (projection.Limit is not null && ReadCount(projection.Limit) is { } limit)
        {
            rows = Math.Min(rows, limit);
        }

        return rows;
    }

    /// <summary>Adds the cost of one pattern for each incoming row and returns the rows after it.</summary>
    private double Pattern(PatternPart pattern, double rows, HashSet<string> bound)
    {
        var nodes = pattern.Nodes;
        var relationships = pattern.Relationships;
        var fromEnd = relationships.Count > 0 && !IsBound(nodes[0], bound) && StartCost(nodes[^1], bound) < StartCost(nodes[0], bound);
        if (fromEnd)
        {
            nodes = [.. nodes.Reverse()];
            relationships = [.. relationships.Reverse()];
        }

        var scanned = StartCost(nodes[0], bound);
        _touched = Cap(_touched + (rows * scanned));
        var current = Cap(rows * StartRows(nodes[0], bound, scanned));
        var label = RarestLabel(nodes[0]);

        if (pattern.ShortestPath is not null)
        {
            return ShortestPath(relationships, current, label, nodes[^1], bound);
        }

        for (var step = 0; step < relationships.Count; step++)
        {
            var direction = relationships[step].Direction;
            if (fromEnd && direction != RelationshipDirection.Either)
            {
                direction = direction == RelationshipDirection.LeftToRight ? RelationshipDirection.RightToLeft : RelationshipDirection.LeftToRight;
            }

            current = Step(relationships[step], direction, label, current);
            current = Cap(current * EndSelectivity(nodes[step + 1], relationships[step].Types, direction, bound));
            label = RarestLabel(nodes[step + 1]);
        }

        return current;
    }

    private double Step(RelationshipPattern relationship, RelationshipDirection direction, string? label, double current)
    {
        var fanOut = FanOut(relationship.Types, direction, label);
        if (!relationship.IsVariableLength)
        {
            _touched = Cap(_touched + (current * fanOut));
            return Cap(current * fanOut);
        }

        var minimum = (int)Math.Clamp(relationship.MinHops ?? 1, 0, UnboundedHops);
        var maximum = (int)Math.Clamp(relationship.MaxHops ?? UnboundedHops, minimum, UnboundedHops);
        // Only the first hop leaves a node of the known label; later hops leave whatever it reached.
        var onward = FanOut(relationship.Types, direction, null);
        double reached = 0;
        var frontier = current;
        for (var hop = 1; hop <= maximum; hop++)
        {
            frontier = Cap(frontier * (hop == 1 ? fanOut : onward));
            _touched = Cap(_touched + frontier);
            if (hop >= minimum)
            {
                reached = Cap(reached + frontier);
            }
        }

        return minimum == 0 ? Cap(reached + current) : reached;
    }

    // A breadth-first search reads at most every relationship once per start, in both directions when undirected.
    private double ShortestPath(IReadOnlyList<RelationshipPattern> relationships, double starts, string? label, NodePattern end, HashSet<string> bound)
    {
        var perStart = relationships.Sum(relationship =>
        {
            var hops = (int)Math.Clamp(relationship.MaxHops ?? UnboundedHops, 1, UnboundedHops);
            var fanOut = Math.Max(FanOut(relationship.Types, relationship.Direction, label), FanOut(relationship.Types, relationship.Direction, null));
            var reach = Enumerable.Range(1, hops).Sum(hop => Math.Min(Ceiling, Math.Pow(fanOut, hop)));
            return Math.Min(reach, statistics.CountTypes(relationship.Types) * 2.0);
        });
        _touched = Cap(_touched + (starts * perStart));
        return Cap(starts * Math.Max(1, EndRows(end, bound)));
    }

    private double FanOut(IReadOnlyList<string> types, RelationshipDirection direction, string? label) =>
        statistics.FanOut(
            types,
            label,
            outgoing: direction != RelationshipDirection.RightToLeft,
            incoming: direction != RelationshipDirection.LeftToRight);

    private string? RarestLabel(NodePattern node) =>
        node.Labels.Count == 0 ? null : node.Labels.MinBy(statistics.CountLabel);

    // The nodes a pattern's first node reads: one when it is already bound, else every node of its rarest label.
    private double StartCost(NodePattern node, HashSet<string> bound)
    {
        if (IsBound(node, bound) || UsesIndex(node))
        {
            return 1;
        }

        return node.Labels.Count == 0 ? statistics.NodeCount : node.Labels.Min(statistics.CountLabel);
    }

    private double StartRows(NodePattern node, HashSet<string> bound, double scanned)
    {
        if (IsBound(node, bound) || node.Properties is null)
        {
            return scanned;
        }

        return NamesId(node.Properties) ? Math.Min(1, scanned) : scanned * FilterSelectivity;
    }

    private double EndRows(NodePattern node, HashSet<string> bound) =>
        StartRows(node, bound, StartCost(node, bound));

    // The share of the nodes reached by a step that the far node pattern keeps: those with its label, then
    // those its property map keeps, or only the one node when it is already bound.
    private double EndSelectivity(NodePattern node, IReadOnlyList<string> types, RelationshipDirection direction, HashSet<string> bound)
    {
        if (statistics.NodeCount == 0)
        {
            return 0;
        }

        if (IsBound(node, bound))
        {
            return 1.0 / statistics.NodeCount;
        }

        var share = node.Labels.Count == 0
            ? 1
            : node.Labels.Min(label => statistics.LabelShare(
                types,
                label,
                outgoing: direction != RelationshipDirection.RightToLeft,
                incoming: direction != RelationshipDirection.LeftToRight));
        if (node.Properties is not null)
        {
            share *= NamesId(node.Properties) ? 1.0 / statistics.NodeCount : FilterSelectivity;
        }

        return share;
    }

    // Patterns inside expressions (EXISTS, pattern predicates and comprehensions) run once per row.
    private void Expressions(Expression expression, double rows, HashSet<string> bound)
    {
        switch (expression)
        {
            case PatternExpression pattern:
                Pattern(pattern.Pattern, rows, bound);
                return;
            case PatternComprehensionExpression comprehension:
                Pattern(comprehension.Pattern, rows, bound);
                break;
            case ExistsSubqueryExpression exists:
                foreach (var pattern in exists.Patterns)
                {
                    Pattern(pattern, rows, bound);
                }

                break;
        }

        foreach (var child in ExpressionChildren.Of(expression))
        {
            Expressions(child, rows, bound);
        }
    }

    private double ListLength(Expression source) => source switch
    {
        ListExpression list => list.Items.Count,
        LiteralExpression { Value: ListValue list } => list.Items.Count,
        ParameterExpression parameter when parameters.TryGetValue(parameter.Name, out var value) =>
            value is ListValue list ? list.Items.Count : 1,
        FunctionCallExpression { Name: var name, Arguments: [var from, var to] } when name.Equals("range", StringComparison.OrdinalIgnoreCase)
            && ReadCount(from) is { } start && ReadCount(to) is { } end => Math.Max(0, end - start + 1),
        _ => UnknownListLength,
    };

    private double? ReadCount(Expression expression) => expression switch
    {
        LiteralExpression { Value: IntegerValue integer } => integer.Value,
        ParameterExpression parameter when parameters.TryGetValue(parameter.Name, out var value) && value is IntegerValue integer => integer.Value,
        _ => null,
    };

    private bool UsesIndex(NodePattern node) =>
        node.Properties is MapExpression map && map.Entries.Any(entry => statistics.IndexedKeys.Contains(entry.Key));

    private static bool NamesId(Expression properties) =>
        properties is MapExpression map && map.Entries.Any(entry => entry.Key == "id");

    private static bool IsBound(NodePattern node, HashSet<string> bound) => node.Variable is not null && bound.Contains(node.Variable);

    private static void Bind(PatternPart pattern, HashSet<string> bound)
    {
        foreach (var name in pattern.Nodes.Select(node => node.Variable).Concat(pattern.Relationships.Select(r => r.Variable)))
        {
            if (name is not null)
            {
                bound.Add(name);
            }
        }

        if (pattern.PathVariable is not null)
        {
            bound.Add(pattern.PathVariable);
        }
    }

    private static bool ContainsAggregate(Expression expression) =>
        expression is CountStarExpression
        || (expression is FunctionCallExpression call && FunctionLibrary.IsAggregate(call.Name))
        || ExpressionChildren.Of(expression).Any(ContainsAggregate);

    private static double Cap(double value) => double.IsNaN(value) ? Ceiling : Math.Min(value, Ceiling);

    private static long ToLong(double value) => (long)Math.Ceiling(Cap(value));
}
