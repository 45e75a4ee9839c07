using IntelGraph.Cases;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams <c>legacy/legacy_reports.csv</c> (<c>guid,case_guid,title,audience,key</c>) as <see cref="ReportMeta"/>
/// records, with the object-storage key as the file key. An empty audience or key becomes null.
/// </summary>
public sealed class LegacyReportsFileReader(ExportFile file)
{
    internal static IReadOnlyList<string> Columns { get; } = ["guid", "case_guid", "title", "audience", "key"];

    public IAsyncEnumerable<SourceRecord<ReportMeta>> ReadAsync(CancellationToken cancellationToken) =>
        new CsvFileReader(file, Columns).ReadAsync(Parse, cancellationToken);

    internal static SourceRecord<ReportMeta> Parse(CsvRecord record)
    {
        var fields = new CsvFieldReader(record, Columns);
        var id = fields.Required("guid");
        var caseId = fields.Required("case_guid");
        var title = fields.Required("title");
        var audience = fields.Optional("audience");
        var fileKey = fields.Optional("key");

        return fields.Problem is { } problem
            ? record.Unparsable<ReportMeta>(problem)
            : record.Parsed(new ReportMeta(id, caseId, title, audience, fileKey), id);
    }
}
