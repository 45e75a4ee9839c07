namespace IntelGraph.Cypher.Syntax;

internal enum RelationshipDirection
{
    LeftToRight,
    RightToLeft,
    Either,
}

/// <summary>A node pattern such as <c>(n:Person {name: 'x'})</c>. Properties is a map literal or a parameter.</summary>
internal sealed record NodePattern(string? Variable, IReadOnlyList<string> Labels, Expression? Properties, SourcePosition Position);

/// <summary>
/// A relationship pattern. Types are alternatives (<c>:A|B</c>). A variable-length pattern has
/// <see cref="IsVariableLength"/> set, with null bounds meaning 1 for the minimum and unbounded for the maximum.
/// </summary>
internal sealed record RelationshipPattern(
    string? Variable,
    IReadOnlyList<string> Types,
    Expression? Properties,
    RelationshipDirection Direction,
    bool IsVariableLength,
    long? MinHops,
    long? MaxHops,
    SourcePosition Position);

/// <summary>A chain node, relationship, node, ... optionally bound to a path variable (<c>p = (a)--&gt;(b)</c>).</summary>
internal sealed record PatternPart(string? PathVariable, IReadOnlyList<NodePattern> Nodes, IReadOnlyList<RelationshipPattern> Relationships, string? ShortestPath = null);
