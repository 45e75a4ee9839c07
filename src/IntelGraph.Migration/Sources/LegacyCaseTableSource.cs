using System.Runtime.CompilerServices;
using System.Text;
using IntelGraph.Cases;
using IntelGraph.Core;
using IntelGraph.Migration.Export;
using IntelGraph.Migration.Importing;

namespace IntelGraph.Migration.Sources;

/// <summary>
/// Reads a part's cases, tasks and reports from <see cref="ILegacyCaseTables"/> through the same field checks as
/// the CSV files, so both paths import, merge and quarantine alike. A row's source location is
/// <c>legacy-db/TABLE</c> (under the delta's folder for a delta) with its ordinal as the line.
/// </summary>
internal sealed class LegacyCaseTableSource(ILegacyCaseTables tables, string partName)
{
    public IAsyncEnumerable<ImportRecord<CaseRecord>> ReadCasesAsync(CancellationToken cancellationToken) =>
        ReadAsync("legacy_cases", LegacyCasesFileReader.Columns, LegacyCasesFileReader.Parse, cancellationToken);

    public IAsyncEnumerable<ImportRecord<CaseTask>> ReadTasksAsync(CancellationToken cancellationToken) =>
        ReadAsync("legacy_tasks", LegacyTasksFileReader.Columns, LegacyTasksFileReader.Parse, cancellationToken);

    public IAsyncEnumerable<ImportRecord<ReportMeta>> ReadReportsAsync(CancellationToken cancellationToken) =>
        ReadAsync("legacy_reports", LegacyReportsFileReader.Columns, LegacyReportsFileReader.Parse, cancellationToken);

    private async IAsyncEnumerable<ImportRecord<T>> ReadAsync<T>(
        string table,
        IReadOnlyList<string> columns,
        Func<CsvRecord, SourceRecord<T>> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var file = partName == ExportPart.BaseName ? $"legacy-db/{table}" : $"{partName}/legacy-db/{table}";
        await foreach (var row in tables.ReadAsync(table, columns, cancellationToken))
        {
            var fields = row.Fields.Select(field => field ?? string.Empty).ToList();
            var record = new CsvRecord(fields, AsCsvLine(row.Fields), new SourceLocation(file, row.Ordinal), Problem: null);
            var parsed = parse(record);
            yield return new ImportRecord<T>(parsed.Value, parsed.Location, parsed.RawText, parsed.Detail);
        }
    }

    /// <summary>Writes the row as one RFC 4180 line, so a quarantined row reads like its CSV counterpart.</summary>
    private static string AsCsvLine(IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var field = fields[i] ?? string.Empty;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        return line.ToString();
    }
}
