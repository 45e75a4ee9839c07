namespace IntelGraph.Core;

/// <summary>A stored record together with the source record it was imported from, when it came from an import.</summary>
public sealed record Stored<T>(T Value, SourceLocation? Origin);
