namespace IntelGraph.Migration.Export;

/// <summary>An element of the top-level array, or a stretch of the file that could not be split into elements.</summary>
/// <param name="Bytes">The bytes as they are in the file, without surrounding white space.</param>
/// <param name="Line">The 1-based line on which <paramref name="Bytes"/> start.</param>
/// <param name="Problem">Why the scanner could not delimit a proper element, or null when it could.</param>
internal readonly record struct ScannedElement(byte[] Bytes, long Line, string? Problem);
