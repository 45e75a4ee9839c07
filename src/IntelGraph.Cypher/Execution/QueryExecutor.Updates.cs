using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>CREATE and MERGE.</summary>
internal sealed partial class QueryExecutor
{
    private List<Row> ExecuteCreate(CreateClause create, List<Row> rows)
    {
        var result = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            var current = row;
            foreach (var pattern in create.Patterns)
            {
                current = CreatePattern(pattern, current);
            }

            result.Add(current);
        }

        AddToScope(PatternVariables(create.Patterns));
        return result;
    }

    private List<Row> ExecuteMerge(MergeClause merge, List<Row> rows)
    {
        var result = new List<Row>();
        foreach (var row in rows)
        {
            var matches = _evaluator.Matcher.MatchAll([merge.Pattern], row, null).ToList();
            if (matches.Count > 0)
            {
                foreach (var match in matches)
                {
                    ApplySetItems(merge.OnMatch, match);
                    result.Add(match);
                }

                continue;
            }

            EnsureMergeHasNoNullProperties(merge.Pattern, row);
            var created = CreatePattern(merge.Pattern, row);
            ApplySetItems(merge.OnCreate, created);
            result.Add(created);
        }

        AddToScope(PatternVariables([merge.Pattern]));
        return result;
    }

    private void EnsureMergeHasNoNullProperties(PatternPart pattern, Row row)
    {
        var propertyMaps = pattern.Nodes.Select(node => node.Properties).Concat(pattern.Relationships.Select(r => r.Properties));
        foreach (var properties in propertyMaps.OfType<Expression>())
        {
            if (_evaluator.Evaluate(properties, row) is MapValue map && map.Entries.Any(entry => entry.Value.IsNull))
            {
                throw CypherException.Semantic("MergeReadOwnWrites", "MERGE cannot match or create a property whose value is null.");
            }
        }
    }

    private Row CreatePattern(PatternPart pattern, Row row)
    {
        var nodes = new List<NodeValue>();
        foreach (var nodePattern in pattern.Nodes)
        {
            if (nodePattern.Variable is not null && row.TryGet(nodePattern.Variable, out var existing))
            {
                nodes.Add(existing as NodeValue ?? throw CypherException.Semantic("VariableTypeConflict",
                    $"CREATE needs '{nodePattern.Variable}' to be a node, but it is a {existing.TypeName}."));
                continue;
            }

            var properties = EvaluateProperties(nodePattern.Properties, row);
            var node = new NodeValue(_context.Graph.CreateNode(nodePattern.Labels, properties));
            _context.Statistics.NodesCreated++;
            _context.Statistics.LabelsAdded += node.Node.Labels.Count;
            _context.Statistics.PropertiesSet += node.Node.Properties.Count;
            nodes.Add(node);
            if (nodePattern.Variable is not null)
            {
                row = row.With(nodePattern.Variable, node);
            }
        }

        var relationships = new List<RelationshipValue>();
        for (var i = 0; i < pattern.Relationships.Count; i++)
        {
            var relationshipPattern = pattern.Relationships[i];
            var (start, end) = relationshipPattern.Direction == RelationshipDirection.RightToLeft ? (nodes[i + 1], nodes[i]) : (nodes[i], nodes[i + 1]);
            var properties = EvaluateProperties(relationshipPattern.Properties, row);
            var relationship = new RelationshipValue(_context.Graph.CreateRelationship(relationshipPattern.Types[0], start.Id, end.Id, properties));
            _context.Statistics.RelationshipsCreated++;
            _context.Statistics.PropertiesSet += relationship.Relationship.Properties.Count;
            relationships.Add(relationship);
            if (relationshipPattern.Variable is not null)
            {
                row = row.With(relationshipPattern.Variable, relationship);
            }
        }

        if (pattern.PathVariable is not null)
        {
            row = row.With(pattern.PathVariable, new PathValue(nodes, relationships));
        }

        return row;
    }

    private Dictionary<string, CypherValue> EvaluateProperties(Expression? expression, Row row)
    {
        var properties = new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        if (expression is null)
        {
            return properties;
        }

        var value = _evaluator.Evaluate(expression, row);
        if (value is not MapValue map)
        {
            throw CypherException.Type("InvalidArgumentType", $"Properties must be given as a map, not a {value.TypeName}.");
        }

        foreach (var (key, entry) in map.Entries)
        {
            PropertyValues.EnsureStorable(entry);
            properties[key] = entry;
        }

        return properties;
    }
}
