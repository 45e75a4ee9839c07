using IntelGraph.Core;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// One source record as the importer receives it: parsed, or with the problem that stopped it from
/// being parsed, and always with its raw text and location so it can be quarantined whole.
/// </summary>
internal readonly record struct ImportRecord<T>
    where T : class
{
    // Either the raw text or the claims.json element to decode it from. Decoding waits until the
    // text is read, because only a quarantined record needs it and a claim is about a kilobyte.
    private readonly object _rawSource;

    public ImportRecord(T? value, SourceLocation location, string rawText, string? problem)
    {
        Value = value;
        Location = location;
        Problem = problem;
        _rawSource = rawText;
    }

    public ImportRecord(T? value, SourceLocation location, ClaimSourceRecord element, string? problem)
    {
        Value = value;
        Location = location;
        Problem = problem;
        _rawSource = element;
    }

    public T? Value { get; init; }

    public SourceLocation Location { get; init; }

    public string? Problem { get; init; }

    /// <summary>The record's text as it is in the file. A claim's text is decoded as <see cref="ClaimSourceRecord.GetRawText"/> describes.</summary>
    public string RawText => _rawSource as string ?? ((ClaimSourceRecord)_rawSource).GetRawText();

    /// <summary>
    /// The record's exact bytes when the source kept them (claims.json elements), so that a quarantined
    /// claim keeps bytes that are not valid UTF-8; null for CSV records, which are read as text.
    /// </summary>
    public byte[]? RawBytes => _rawSource is ClaimSourceRecord element ? element.Utf8Json.ToArray() : null;
}
