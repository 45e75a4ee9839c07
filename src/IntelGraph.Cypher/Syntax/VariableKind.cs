namespace IntelGraph.Cypher.Syntax;

/// <summary>The type the analyzer infers for a variable. Any means the type is only known at runtime.</summary>
internal enum VariableKind
{
    Any,
    Node,
    Relationship,
    RelationshipList,
    Path,

    /// <summary>A value known to be a scalar, such as a literal number, string or boolean.</summary>
    Value,

    /// <summary>A map, whose entries can be read like properties.</summary>
    Map,

    /// <summary>A list, which a variable-length relationship pattern may reuse.</summary>
    List,
}
