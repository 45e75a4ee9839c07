namespace IntelGraph.Cypher.Syntax;

/// <summary>What the analyzer knows about a variable's type. Any means the type is only known at runtime.</summary>
internal enum VariableKind
{
    Any,
    Node,
    Relationship,
    RelationshipList,
    Path,

    /// <summary>A value known to be no graph element, such as a literal number, string or map.</summary>
    Value,

    /// <summary>A list, which a variable-length relationship pattern may reuse.</summary>
    List,
}
