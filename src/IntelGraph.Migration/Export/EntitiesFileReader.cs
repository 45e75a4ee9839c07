using IntelGraph.Graph;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Streams <c>graph/entities.csv</c> (<c>id,label,type,country,createdAt</c>) as <see cref="GraphEntity"/> records.
/// An empty country becomes null and <c>createdAt</c> must be an RFC 3339 timestamp, kept as written.
/// </summary>
public sealed class EntitiesFileReader(ExportFile file)
{
    internal static IReadOnlyList<string> Columns { get; } = ["id", "label", "type", "country", "createdAt"];

    public IAsyncEnumerable<SourceRecord<GraphEntity>> ReadAsync(CancellationToken cancellationToken) =>
        new CsvFileReader(file, Columns).ReadAsync(Parse, cancellationToken);

    private static SourceRecord<GraphEntity> Parse(CsvRecord record)
    {
        var fields = new CsvFieldReader(record, Columns);
        var id = fields.Required("id");
        var label = fields.Required("label");
        var type = fields.Required("type");
        var country = fields.Optional("country");
        var createdAt = fields.Timestamp("createdAt");

        return fields.Problem is { } problem
            ? record.Unparsable<GraphEntity>(problem)
            : record.Parsed(new GraphEntity(id, label, type, country, createdAt), id);
    }
}
