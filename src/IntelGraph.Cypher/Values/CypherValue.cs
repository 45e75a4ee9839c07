using System.Globalization;
using System.Text;

namespace IntelGraph.Cypher.Values;

/// <summary>
/// A value of the openCypher type system. Instances are immutable, except that node and relationship values
/// refer to the live graph element so that reads after SET see the new properties.
/// </summary>
public abstract class CypherValue
{
    public static CypherValue Null => NullValue.Instance;

    public static CypherValue True { get; } = new BooleanValue(true);

    public static CypherValue False { get; } = new BooleanValue(false);

    public bool IsNull => this is NullValue;

    /// <summary>The openCypher type name, as used in type error messages.</summary>
    public abstract string TypeName { get; }

    public static CypherValue From(bool value) => value ? True : False;

    public static CypherValue From(long value) => new IntegerValue(value);

    public static CypherValue From(double value) => new FloatValue(value);

    public static CypherValue From(string? value) => value is null ? Null : new StringValue(value);

    public static CypherValue From(bool? value) => value is null ? Null : From(value.Value);

    public override string ToString()
    {
        var builder = new StringBuilder();
        CypherValueFormatter.Append(builder, this);
        return builder.ToString();
    }
}

public sealed class NullValue : CypherValue
{
    public static readonly NullValue Instance = new();

    private NullValue()
    {
    }

    public override string TypeName => "NULL";
}

public sealed class BooleanValue(bool value) : CypherValue
{
    public bool Value { get; } = value;

    public override string TypeName => "BOOLEAN";
}

public sealed class IntegerValue(long value) : CypherValue
{
    public long Value { get; } = value;

    public override string TypeName => "INTEGER";
}

public sealed class FloatValue(double value) : CypherValue
{
    public double Value { get; } = value;

    public override string TypeName => "FLOAT";
}

public sealed class StringValue(string value) : CypherValue
{
    public string Value { get; } = value;

    public override string TypeName => "STRING";
}

public sealed class ListValue(IReadOnlyList<CypherValue> items) : CypherValue
{
    public static readonly ListValue Empty = new([]);

    public IReadOnlyList<CypherValue> Items { get; } = items;

    public override string TypeName => "LIST";
}

public sealed class MapValue(IReadOnlyDictionary<string, CypherValue> entries) : CypherValue
{
    public IReadOnlyDictionary<string, CypherValue> Entries { get; } = entries;

    public override string TypeName => "MAP";
}

/// <summary>A node value. Two node values are equal when they refer to the same node id.</summary>
public sealed class NodeValue(Graph.GraphNode node) : CypherValue
{
    public Graph.GraphNode Node { get; } = node;

    public long Id => Node.Id;

    public override string TypeName => "NODE";
}

/// <summary>A relationship value. Two relationship values are equal when they refer to the same relationship id.</summary>
public sealed class RelationshipValue(Graph.GraphRelationship relationship) : CypherValue
{
    public Graph.GraphRelationship Relationship { get; } = relationship;

    public long Id => Relationship.Id;

    public override string TypeName => "RELATIONSHIP";
}

/// <summary>
/// A path: nodes[0], relationships[0], nodes[1], ... Relationships may be traversed against their direction,
/// so the start and end of each step come from the node list, not from the relationship.
/// </summary>
public sealed class PathValue(IReadOnlyList<NodeValue> nodes, IReadOnlyList<RelationshipValue> relationships) : CypherValue
{
    public IReadOnlyList<NodeValue> Nodes { get; } = nodes;

    public IReadOnlyList<RelationshipValue> Relationships { get; } = relationships;

    public override string TypeName => "PATH";
}
