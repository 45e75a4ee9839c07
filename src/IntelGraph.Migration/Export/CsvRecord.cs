using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>One record of a CSV file as split by <see cref="CsvFileReader"/>, before its fields are interpreted.</summary>
/// <param name="Fields">The unescaped fields. Their number may differ from the header's, and then <paramref name="Problem"/> reports it.</param>
/// <param name="RawText">The record's text as it is in the file, quotes and embedded line breaks included, without its final line break.</param>
/// <param name="Problem">Why the record cannot be split into the header's columns, or null when it can.</param>
internal sealed record CsvRecord(IReadOnlyList<string> Fields, string RawText, SourceLocation Location, string? Problem)
{
    /// <summary>The first field, which is the record's id in every table of the export, or null when it is blank.</summary>
    public string? FirstField => Fields.Count > 0 && !string.IsNullOrWhiteSpace(Fields[0]) ? Fields[0] : null;

    public SourceRecord<T> Parsed<T>(T value, string recordId)
        where T : class => SourceRecord<T>.Parsed(value, Location, RawText, recordId);

    public SourceRecord<T> Unparsable<T>(string detail)
        where T : class => SourceRecord<T>.Unparsable(Location, RawText, FirstField, detail);
}
