using IntelGraph.Core;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// One source record as the importer sees it: parsed, or with the problem that stopped it from
/// being parsed, and always with its raw text and location so it can be quarantined whole.
/// </summary>
internal readonly record struct ImportRecord<T>(T? Value, SourceLocation Location, string RawText, string? Problem)
    where T : class;
