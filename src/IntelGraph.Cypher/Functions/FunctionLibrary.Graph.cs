using IntelGraph.Cypher.Execution;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Functions;

/// <summary>Functions over nodes, relationships and paths.</summary>
internal sealed partial class FunctionLibrary
{
    private void RegisterGraphFunctions()
    {
        RegisterNullSafe("id", value => value switch
        {
            NodeValue node => new IntegerValue(node.Id),
            RelationshipValue relationship => new IntegerValue(relationship.Id),
            _ => throw InvalidArgument("id", value),
        });
        RegisterNullSafe("labels", value => value is NodeValue node
            ? new ListValue(LiveNode(node).Labels.Select(label => (CypherValue)new StringValue(label)).ToList())
            : throw InvalidArgument("labels", value));
        RegisterNullSafe("type", value => value is RelationshipValue relationship
            ? new StringValue(relationship.Relationship.Type)
            : throw InvalidArgument("type", value));
        RegisterNullSafe("keys", value => new ListValue(ExpressionEvaluator.PropertiesOf(value)
            .Select(entry => (CypherValue)new StringValue(entry.Key)).ToList()));
        RegisterNullSafe("properties", value => value switch
        {
            NodeValue or RelationshipValue or MapValue => new MapValue(ExpressionEvaluator.PropertiesOf(value).ToDictionary()),
            _ => throw InvalidArgument("properties", value),
        });
        RegisterNullSafe("length", value => value is PathValue path
            ? new IntegerValue(path.Relationships.Count)
            : throw InvalidArgument("length", value));
        RegisterNullSafe("nodes", value => value is PathValue path
            ? new ListValue(path.Nodes.Cast<CypherValue>().ToList())
            : throw InvalidArgument("nodes", value));
        RegisterNullSafe("relationships", value => value is PathValue path
            ? new ListValue(path.Relationships.Cast<CypherValue>().ToList())
            : throw InvalidArgument("relationships", value));
        RegisterNullSafe("startNode", value => value is RelationshipValue relationship
            ? NodeById(relationship.Relationship.StartId)
            : throw InvalidArgument("startNode", value));
        RegisterNullSafe("endNode", value => value is RelationshipValue relationship
            ? NodeById(relationship.Relationship.EndId)
            : throw InvalidArgument("endNode", value));
        Register("exists", 1, arguments => CypherValue.From(!arguments[0].IsNull));
    }

    private static Graph.GraphNode LiveNode(NodeValue node) => node.Node.IsDeleted
        ? throw new CypherException("EntityNotFound", "DeletedEntityAccess", CypherErrorPhase.Runtime, $"Node {node.Id} was deleted earlier in this query, so its labels cannot be read.")
        : node.Node;

    private CypherValue NodeById(long id)
    {
        var node = _context.Graph.FindNode(id);
        return node is null ? CypherValue.Null : new NodeValue(node);
    }
}
