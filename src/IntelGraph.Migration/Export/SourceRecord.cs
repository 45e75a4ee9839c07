using System.Diagnostics.CodeAnalysis;
using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>
/// One record of an export file: either its parsed value or, when it cannot be read, the reason. Both
/// carry the record's raw text and where it starts, so an unparsable record can be quarantined whole.
/// </summary>
/// <typeparam name="T">The value a record parses into, such as <see cref="Graph.GraphEntity"/>.</typeparam>
public sealed class SourceRecord<T>
    where T : class
{
    private SourceRecord(T? value, SourceLocation location, string rawText, string? recordId, string? detail)
    {
        Value = value;
        Location = location;
        RawText = rawText;
        RecordId = recordId;
        Detail = detail;
    }

    /// <summary>The parsed value, or null when the record is unparsable.</summary>
    public T? Value { get; }

    public SourceLocation Location { get; }

    /// <summary>The record's text as it is in the file, without the line break that ends it.</summary>
    public string RawText { get; }

    /// <summary>The record's id, or null when even the id could not be read.</summary>
    public string? RecordId { get; }

    /// <summary>One sentence on what is wrong with the record, or null when it was parsed.</summary>
    public string? Detail { get; }

    // CS8775: the compiler cannot see that the two factories below set exactly one of Value and Detail.
#pragma warning disable CS8775
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Detail))]
    public bool IsParsed => Value is not null;
#pragma warning restore CS8775

    internal static SourceRecord<T> Parsed(T value, SourceLocation location, string rawText, string recordId) =>
        new(value, location, rawText, recordId, detail: null);

    internal static SourceRecord<T> Unparsable(SourceLocation location, string rawText, string? recordId, string detail) =>
        new(value: null, location, rawText, recordId, detail);

    public override string ToString() => IsParsed ? $"{Location}: {RecordId}" : $"{Location}: unparsable: {Detail}";
}
