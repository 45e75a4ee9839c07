using IntelGraph.Graph;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams <c>graph/edges.csv</c> (<c>id,source,target,type,createdAt</c>) as <see cref="GraphEdge"/> records.
/// Every field is required and <c>createdAt</c> must be an RFC 3339 timestamp, kept as written. Whether the
/// endpoints exist is for the importer to check.
/// </summary>
public sealed class EdgesFileReader(ExportFile file)
{
    internal static IReadOnlyList<string> Columns { get; } = ["id", "source", "target", "type", "createdAt"];

    public IAsyncEnumerable<SourceRecord<GraphEdge>> ReadAsync(CancellationToken cancellationToken) =>
        new CsvFileReader(file, Columns).ReadAsync(Parse, cancellationToken);

    private static SourceRecord<GraphEdge> Parse(CsvRecord record)
    {
        var fields = new CsvFieldReader(record, Columns);
        var id = fields.Required("id");
        var source = fields.Required("source");
        var target = fields.Required("target");
        var type = fields.Required("type");
        var createdAt = fields.Timestamp("createdAt");

        return fields.Problem is { } problem
            ? record.Unparsable<GraphEdge>(problem)
            : record.Parsed(new GraphEdge(id, source, target, type, createdAt), id);
    }
}
