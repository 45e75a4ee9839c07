using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>
/// Finds the ways a list of pattern parts can be bound in the graph, extending a row. Within one MATCH a
/// relationship is bound at most once (relationship isomorphism), while nodes may repeat.
/// </summary>
internal sealed class PatternMatcher(QueryContext context, ExpressionEvaluator evaluator)
{
    public IEnumerable<Row> MatchAll(IReadOnlyList<PatternPart> patterns, Row row, Expression? where)
    {
        foreach (var match in MatchParts(patterns, 0, row, []))
        {
            if (where is null || evaluator.IsTrue(where, match))
            {
                yield return match;
            }
        }
    }

    public IEnumerable<CypherValue> MatchPaths(PatternPart pattern, Row row)
    {
        foreach (var (_, path) in MatchPart(pattern, row, []))
        {
            yield return path;
        }
    }

    private IEnumerable<Row> MatchParts(IReadOnlyList<PatternPart> patterns, int index, Row row, HashSet<long> usedRelationships)
    {
        if (index == patterns.Count)
        {
            yield return row;
            yield break;
        }

        foreach (var (matched, _) in MatchPart(patterns[index], row, usedRelationships))
        {
            foreach (var result in MatchParts(patterns, index + 1, matched, usedRelationships))
            {
                yield return result;
            }
        }
    }

    private IEnumerable<(Row Row, PathValue Path)> MatchPart(PatternPart pattern, Row row, HashSet<long> usedRelationships)
    {
        var fromEnd = ShouldMatchFromEnd(pattern, row);
        var search = fromEnd ? Reverse(pattern) : pattern;
        foreach (var (matched, found) in MatchFromStart(search, row, usedRelationships))
        {
            var path = fromEnd ? new PathValue(found.Nodes.Reverse().ToList(), found.Relationships.Reverse().ToList()) : found;
            yield return pattern.PathVariable is null ? (matched, path) : (matched.With(pattern.PathVariable, path), path);
        }
    }

    // Starting at the far end is cheaper when only that end is bound, or when only that end has a label
    // or properties to narrow the scan. A named variable-length relationship keeps the written direction,
    // because its list of relationships must stay in path order.
    private static bool ShouldMatchFromEnd(PatternPart pattern, Row row)
    {
        if (pattern.Relationships.Count == 0 || pattern.Relationships.Any(r => r.IsVariableLength && r.Variable is not null))
        {
            return false;
        }

        var first = pattern.Nodes[0];
        var last = pattern.Nodes[^1];
        if (IsBound(first, row))
        {
            return false;
        }

        if (IsBound(last, row))
        {
            return true;
        }

        return first.Labels.Count == 0 && first.Properties is null && (last.Labels.Count > 0 || last.Properties is not null);
    }

    private static bool IsBound(NodePattern node, Row row) => node.Variable is not null && row.Contains(node.Variable);

    private static PatternPart Reverse(PatternPart pattern) => new(
        null,
        pattern.Nodes.Reverse().ToList(),
        pattern.Relationships.Reverse().Select(relationship => relationship with
        {
            Direction = relationship.Direction switch
            {
                RelationshipDirection.LeftToRight => RelationshipDirection.RightToLeft,
                RelationshipDirection.RightToLeft => RelationshipDirection.LeftToRight,
                _ => RelationshipDirection.Either,
            },
        }).ToList());

    private IEnumerable<(Row Row, PathValue Path)> MatchFromStart(PatternPart pattern, Row row, HashSet<long> usedRelationships)
    {
        foreach (var start in CandidateNodes(pattern.Nodes[0], row))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var bound = BindNode(pattern.Nodes[0], start, row);
            if (bound is null)
            {
                continue;
            }

            var nodes = new List<NodeValue> { new(start) };
            var relationships = new List<RelationshipValue>();
            foreach (var result in Extend(pattern, 0, start, bound, nodes, relationships, usedRelationships))
            {
                yield return result;
            }
        }
    }

    private IEnumerable<(Row Row, PathValue Path)> Extend(
        PatternPart pattern,
        int step,
        GraphNode current,
        Row row,
        List<NodeValue> nodes,
        List<RelationshipValue> relationships,
        HashSet<long> usedRelationships)
    {
        if (step == pattern.Relationships.Count)
        {
            yield return (row, new PathValue(nodes.ToList(), relationships.ToList()));
            yield break;
        }

        var relationshipPattern = pattern.Relationships[step];
        var nextPattern = pattern.Nodes[step + 1];
        if (relationshipPattern.IsVariableLength)
        {
            foreach (var result in ExtendVariableLength(pattern, step, current, row, nodes, relationships, usedRelationships))
            {
                yield return result;
            }

            yield break;
        }

        foreach (var relationship in Neighbours(current, relationshipPattern, row, usedRelationships))
        {
            var other = OtherEnd(relationship, current);
            if (other is null)
            {
                continue;
            }

            var withRelationship = BindRelationship(relationshipPattern, relationship, row);
            var withNode = withRelationship is null ? null : BindNode(nextPattern, other, withRelationship);
            if (withNode is null)
            {
                continue;
            }

            usedRelationships.Add(relationship.Id);
            nodes.Add(new NodeValue(other));
            relationships.Add(new RelationshipValue(relationship));
            foreach (var result in Extend(pattern, step + 1, other, withNode, nodes, relationships, usedRelationships))
            {
                yield return result;
            }

            relationships.RemoveAt(relationships.Count - 1);
            nodes.RemoveAt(nodes.Count - 1);
            usedRelationships.Remove(relationship.Id);
        }
    }

    private IEnumerable<(Row Row, PathValue Path)> ExtendVariableLength(
        PatternPart pattern,
        int step,
        GraphNode start,
        Row row,
        List<NodeValue> nodes,
        List<RelationshipValue> relationships,
        HashSet<long> usedRelationships)
    {
        var relationshipPattern = pattern.Relationships[step];
        var nextPattern = pattern.Nodes[step + 1];
        var minHops = relationshipPattern.MinHops ?? 1;
        var maxHops = relationshipPattern.MaxHops ?? long.MaxValue;
        var hops = new List<RelationshipValue>();

        IEnumerable<(Row, PathValue)> Walk(GraphNode current)
        {
            if (hops.Count >= minHops)
            {
                var bound = BindVariableLength(relationshipPattern, hops, row);
                var withNode = bound is null ? null : BindNode(nextPattern, current, bound);
                if (withNode is not null)
                {
                    foreach (var result in Extend(pattern, step + 1, current, withNode, nodes, relationships, usedRelationships))
                    {
                        yield return result;
                    }
                }
            }

            if (hops.Count >= maxHops)
            {
                yield break;
            }

            foreach (var relationship in Neighbours(current, relationshipPattern, row, usedRelationships))
            {
                var other = OtherEnd(relationship, current);
                if (other is null)
                {
                    continue;
                }

                context.CancellationToken.ThrowIfCancellationRequested();
                var value = new RelationshipValue(relationship);
                usedRelationships.Add(relationship.Id);
                hops.Add(value);
                nodes.Add(new NodeValue(other));
                relationships.Add(value);
                foreach (var result in Walk(other))
                {
                    yield return result;
                }

                relationships.RemoveAt(relationships.Count - 1);
                nodes.RemoveAt(nodes.Count - 1);
                hops.RemoveAt(hops.Count - 1);
                usedRelationships.Remove(relationship.Id);
            }
        }

        return Walk(start);
    }

    private IEnumerable<GraphRelationship> Neighbours(GraphNode current, RelationshipPattern pattern, Row row, HashSet<long> usedRelationships)
    {
        var direction = pattern.Direction switch
        {
            RelationshipDirection.LeftToRight => TraversalDirection.Outgoing,
            RelationshipDirection.RightToLeft => TraversalDirection.Incoming,
            _ => TraversalDirection.Both,
        };
        var properties = pattern.Properties is null ? null : PropertyMap(pattern.Properties, row);
        foreach (var relationship in context.Graph.Expand(current.Id, direction, pattern.Types))
        {
            if (usedRelationships.Contains(relationship.Id))
            {
                continue;
            }

            if (properties is not null && !PropertiesMatch(relationship.Properties, properties))
            {
                continue;
            }

            yield return relationship;
        }
    }

    private GraphNode? OtherEnd(GraphRelationship relationship, GraphNode current)
    {
        var otherId = relationship.StartId == current.Id ? relationship.EndId : relationship.StartId;
        return context.Graph.FindNode(otherId);
    }

    private IEnumerable<GraphNode> CandidateNodes(NodePattern pattern, Row row)
    {
        if (pattern.Variable is not null && row.TryGet(pattern.Variable, out var bound))
        {
            return bound is NodeValue node && !node.Node.IsDeleted ? [node.Node] : [];
        }

        // An indexed property of the pattern's map narrows the candidates; BindNode still checks labels and every property.
        if (pattern.Properties is not null)
        {
            foreach (var (key, value) in PropertyMap(pattern.Properties, row))
            {
                if (context.Graph.FindNodesByProperty(key, value) is { } indexed)
                {
                    return indexed;
                }
            }
        }

        return context.Graph.ScanNodes(pattern.Labels.Count > 0 ? pattern.Labels[0] : null);
    }

    private Row? BindNode(NodePattern pattern, GraphNode node, Row row)
    {
        if (!pattern.Labels.All(node.Labels.Contains))
        {
            return null;
        }

        if (pattern.Properties is not null && !PropertiesMatch(node.Properties, PropertyMap(pattern.Properties, row)))
        {
            return null;
        }

        if (pattern.Variable is null)
        {
            return row;
        }

        if (row.TryGet(pattern.Variable, out var existing))
        {
            return existing is NodeValue same && same.Id == node.Id ? row : null;
        }

        return row.With(pattern.Variable, new NodeValue(node));
    }

    private Row? BindRelationship(RelationshipPattern pattern, GraphRelationship relationship, Row row)
    {
        if (pattern.Variable is null)
        {
            return row;
        }

        if (row.TryGet(pattern.Variable, out var existing))
        {
            return existing is RelationshipValue same && same.Id == relationship.Id ? row : null;
        }

        return row.With(pattern.Variable, new RelationshipValue(relationship));
    }

    private static Row? BindVariableLength(RelationshipPattern pattern, List<RelationshipValue> hops, Row row)
    {
        if (pattern.Variable is null)
        {
            return row;
        }

        var list = new ListValue(hops.Cast<CypherValue>().ToList());
        if (row.TryGet(pattern.Variable, out var existing))
        {
            return CypherEquality.AreEqual(existing, list) == true ? row : null;
        }

        return row.With(pattern.Variable, list);
    }

    private IReadOnlyDictionary<string, CypherValue> PropertyMap(Expression properties, Row row)
    {
        var value = evaluator.Evaluate(properties, row);
        return value switch
        {
            MapValue map => map.Entries,
            NullValue => new Dictionary<string, CypherValue>(),
            _ => throw CypherException.Type("InvalidArgumentType", $"A pattern's properties must be a map, not a {value.TypeName}."),
        };
    }

    private static bool PropertiesMatch(IDictionary<string, CypherValue> actual, IReadOnlyDictionary<string, CypherValue> expected)
    {
        foreach (var (key, value) in expected)
        {
            if (!actual.TryGetValue(key, out var present) || CypherEquality.AreEqual(present, value) != true)
            {
                return false;
            }
        }

        return true;
    }
}
