using IntelGraph.Cases;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams <c>legacy/legacy_cases.csv</c> (<c>guid,title,owner</c>) as <see cref="CaseRecord"/> records, mapped as
/// the pilot's cutover SQL maps them: the guid is the id, the title the name, every case starts
/// <see cref="CaseStatus.Open"/>, and an empty owner becomes null.
/// </summary>
public sealed class LegacyCasesFileReader(ExportFile file)
{
    internal static IReadOnlyList<string> Columns { get; } = ["guid", "title", "owner"];

    public IAsyncEnumerable<SourceRecord<CaseRecord>> ReadAsync(CancellationToken cancellationToken) =>
        new CsvFileReader(file, Columns).ReadAsync(Parse, cancellationToken);

    internal static SourceRecord<CaseRecord> Parse(CsvRecord record)
    {
        var fields = new CsvFieldReader(record, Columns);
        var id = fields.Required("guid");
        var name = fields.Required("title");
        var owner = fields.Optional("owner");

        return fields.Problem is { } problem
            ? record.Unparsable<CaseRecord>(problem)
            : record.Parsed(new CaseRecord(id, name, CaseStatus.Open, owner), id);
    }
}
