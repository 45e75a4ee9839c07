using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>SET, REMOVE and DELETE.</summary>
internal sealed partial class QueryExecutor
{
    private List<Row> ExecuteSet(SetClause set, List<Row> rows)
    {
        foreach (var row in rows)
        {
            ApplySetItems(set.Items, row);
        }

        return rows;
    }

    private void ApplySetItems(IReadOnlyList<SetItem> items, Row row)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case SetPropertyItem property:
                    var target = _evaluator.Evaluate(property.Target.Target, row);
                    WriteProperty(target, property.Target.Key, _evaluator.Evaluate(property.Value, row));
                    break;
                case SetAllPropertiesItem all:
                    SetAllProperties(_evaluator.Evaluate(new VariableExpression(all.Variable), row), _evaluator.Evaluate(all.Value, row), all.Merge);
                    break;
                case SetLabelsItem labels:
                    ChangeLabels(_evaluator.Evaluate(new VariableExpression(labels.Variable), row), labels.Labels, add: true);
                    break;
            }
        }
    }

    private void WriteProperty(CypherValue target, string key, CypherValue value)
    {
        PropertyValues.EnsureStorable(value);
        switch (target)
        {
            case NullValue:
                return;
            case NodeValue node:
                _context.Graph.SetNodeProperty(node.Node, key, value);
                break;
            case RelationshipValue relationship:
                _context.Graph.SetRelationshipProperty(relationship.Relationship, key, value);
                break;
            default:
                throw CypherException.Type("InvalidArgumentType", $"Cannot set a property on a {target.TypeName}.");
        }

        _context.Statistics.PropertiesSet++;
    }

    private void SetAllProperties(CypherValue target, CypherValue source, bool merge)
    {
        if (target.IsNull)
        {
            return;
        }

        var entries = source switch
        {
            MapValue or NodeValue or RelationshipValue => ExpressionEvaluator.PropertiesOf(source).ToList(),
            NullValue => [],
            _ => throw CypherException.Type("InvalidArgumentType", $"SET needs a map of properties, not a {source.TypeName}."),
        };
        if (!merge)
        {
            var newKeys = entries.Select(entry => entry.Key).ToHashSet();
            foreach (var (key, _) in ExpressionEvaluator.PropertiesOf(target).ToList())
            {
                if (!newKeys.Contains(key))
                {
                    WriteProperty(target, key, CypherValue.Null);
                }
            }
        }

        foreach (var (key, value) in entries)
        {
            WriteProperty(target, key, value);
        }
    }

    private void ChangeLabels(CypherValue target, IReadOnlyList<string> labels, bool add)
    {
        if (target.IsNull)
        {
            return;
        }

        if (target is not NodeValue node)
        {
            throw CypherException.Type("InvalidArgumentType", $"Labels can only be changed on a node, not on a {target.TypeName}.");
        }

        foreach (var label in labels)
        {
            if (add && _context.Graph.AddLabel(node.Node, label))
            {
                _context.Statistics.LabelsAdded++;
            }
            else if (!add && _context.Graph.RemoveLabel(node.Node, label))
            {
                _context.Statistics.LabelsRemoved++;
            }
        }
    }

    private List<Row> ExecuteRemove(RemoveClause remove, List<Row> rows)
    {
        foreach (var row in rows)
        {
            foreach (var item in remove.Items)
            {
                switch (item)
                {
                    case RemovePropertyItem property:
                        var target = _evaluator.Evaluate(property.Target.Target, row);
                        if (!ExpressionEvaluator.ReadProperty(target, property.Target.Key).IsNull)
                        {
                            WriteProperty(target, property.Target.Key, CypherValue.Null);
                        }

                        break;
                    case RemoveLabelsItem labels:
                        ChangeLabels(_evaluator.Evaluate(new VariableExpression(labels.Variable), row), labels.Labels, add: false);
                        break;
                }
            }
        }

        return rows;
    }

    private List<Row> ExecuteDelete(DeleteClause delete, List<Row> rows)
    {
        var nodes = new List<GraphNode>();
        var relationships = new List<GraphRelationship>();
        foreach (var row in rows)
        {
            foreach (var target in delete.Targets)
            {
                CollectDeletions(_evaluator.Evaluate(target, row), nodes, relationships);
            }
        }

        foreach (var relationship in relationships.Distinct())
        {
            DeleteRelationship(relationship);
        }

        foreach (var node in nodes.Distinct())
        {
            if (node.IsDeleted)
            {
                continue;
            }

            var attached = _context.Graph.Expand(node.Id, TraversalDirection.Both, null).ToList();
            if (attached.Count > 0 && !delete.Detach)
            {
                throw new CypherException("ConstraintVerificationFailed", "DeleteConnectedNode", CypherErrorPhase.Runtime,
                    $"Cannot delete node {node.Id} because it still has relationships. Use DETACH DELETE to delete them too.");
            }

            foreach (var relationship in attached)
            {
                DeleteRelationship(relationship);
            }

            _context.Graph.DeleteNode(node);
            _context.Statistics.NodesDeleted++;
        }

        return rows;
    }

    private void DeleteRelationship(GraphRelationship relationship)
    {
        if (relationship.IsDeleted)
        {
            return;
        }

        _context.Graph.DeleteRelationship(relationship);
        _context.Statistics.RelationshipsDeleted++;
    }

    private static void CollectDeletions(CypherValue value, List<GraphNode> nodes, List<GraphRelationship> relationships)
    {
        switch (value)
        {
            case NullValue:
                return;
            case NodeValue node:
                nodes.Add(node.Node);
                return;
            case RelationshipValue relationship:
                relationships.Add(relationship.Relationship);
                return;
            case PathValue path:
                nodes.AddRange(path.Nodes.Select(node => node.Node));
                relationships.AddRange(path.Relationships.Select(relationship => relationship.Relationship));
                return;
            default:
                throw CypherException.Type("InvalidArgumentType", $"DELETE needs a node, relationship or path, not a {value.TypeName}.");
        }
    }
}
