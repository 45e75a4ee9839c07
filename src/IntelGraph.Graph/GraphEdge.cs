namespace IntelGraph.Graph;

/// <summary>A directed, typed relationship between two entities of the same tenant.</summary>
public sealed record GraphEdge(string Id, string Source, string Target, string Type, string CreatedAt);
