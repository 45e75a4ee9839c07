namespace IntelGraph.Graph;

/// <summary>An alternative name of an entity, such as another vendor's name for an intrusion set.</summary>
public sealed record EntityAlias(string EntityId, string Alias);
