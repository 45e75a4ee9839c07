namespace IntelGraph.Graph;

/// <summary>A node of the knowledge graph.</summary>
/// <param name="Type">The entity's kind, such as <c>intrusion-set</c> or <c>attack-pattern</c>; it becomes the node label in Cypher.</param>
/// <param name="Country">An ISO 3166 alpha-2 code, or null when unknown.</param>
/// <param name="CreatedAt">The RFC 3339 timestamp as the source wrote it.</param>
public sealed record GraphEntity(string Id, string Label, string Type, string? Country, string CreatedAt);
