using IntelGraph.Cases;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams <c>legacy/legacy_tasks.csv</c> (<c>guid,case_guid,assignee,summary,state,updated_at</c>) as
/// <see cref="CaseTask"/> records: the summary is the title and the state the status, both kept as written.
/// An empty assignee becomes null and <c>updated_at</c> must be an RFC 3339 timestamp.
/// </summary>
public sealed class LegacyTasksFileReader(ExportFile file)
{
    internal static IReadOnlyList<string> Columns { get; } = ["guid", "case_guid", "assignee", "summary", "state", "updated_at"];

    public IAsyncEnumerable<SourceRecord<CaseTask>> ReadAsync(CancellationToken cancellationToken) =>
        new CsvFileReader(file, Columns).ReadAsync(Parse, cancellationToken);

    internal static SourceRecord<CaseTask> Parse(CsvRecord record)
    {
        var fields = new CsvFieldReader(record, Columns);
        var id = fields.Required("guid");
        var caseId = fields.Required("case_guid");
        var assignee = fields.Optional("assignee");
        var title = fields.Required("summary");
        var status = fields.Required("state");
        var updatedAt = fields.Timestamp("updated_at");

        return fields.Problem is { } problem
            ? record.Unparsable<CaseTask>(problem)
            : record.Parsed(new CaseTask(id, caseId, assignee, title, status, updatedAt), id);
    }
}
