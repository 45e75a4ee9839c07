namespace IntelGraph.Migration.Sources;

/// <summary>
/// The old pilot's case tables (<c>legacy_cases</c>, <c>legacy_tasks</c>, <c>legacy_reports</c>) read from its
/// database rather than from the export's CSV files, as the cutover playbook's SQL reads them.
/// </summary>
public interface ILegacyCaseTables
{
    /// <summary>Where the tables are read from, safe to print.</summary>
    string Description { get; }

    /// <summary>
    /// Streams the rows of <paramref name="table"/> in a stable order, each with the columns the CSV file of the
    /// same table has, in that order, as text: timestamps in RFC 3339 UTC with milliseconds, SQL NULL as null.
    /// </summary>
    IAsyncEnumerable<LegacyRow> ReadAsync(string table, IReadOnlyList<string> columns, CancellationToken cancellationToken);
}

/// <summary>One row of a legacy table and its 1-based position in the table's stable order.</summary>
public sealed record LegacyRow(long Ordinal, IReadOnlyList<string?> Fields);
