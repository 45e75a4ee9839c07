using System.Text.Json;
using IntelGraph.Cases;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Retries quarantined edges, tasks and reports whose endpoint or case was missing. A record whose
/// dependency has since arrived is imported with its original source location and marked resolved.
/// </summary>
internal sealed class QuarantineResolver(
    IMigrationStore store,
    GraphRecordImporter graph,
    CaseRecordImporter cases,
    TimeProvider timeProvider)
{
    /// <summary>Resolves what it can and returns how many records of each table it resolved.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ResolveAsync(TenantId tenant, TransactionBatch batch, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = await store.ListQuarantinedAsync(tenant, includeResolved: false, cancellationToken);

        foreach (var entry in pending)
        {
            if (entry.RecordJson is null || entry.Reason is not (QuarantineReasons.MissingEndpoint or QuarantineReasons.MissingCase))
            {
                continue;
            }

            var outcome = await RetryAsync(tenant, entry, cancellationToken);
            if (outcome is ImportOutcome.Quarantined)
            {
                continue;
            }

            await store.MarkResolvedAsync(tenant, entry.Location, timeProvider.GetUtcNow(), cancellationToken);
            resolved[entry.Table] = resolved.GetValueOrDefault(entry.Table) + 1;
            await batch.CountAsync(cancellationToken);
        }

        return resolved;
    }

    private async Task<ImportOutcome> RetryAsync(TenantId tenant, QuarantinedRecord entry, CancellationToken cancellationToken)
    {
        switch (entry.Table)
        {
            case SourceTables.Edges:
                var edge = JsonSerializer.Deserialize(entry.RecordJson!, MigrationJson.Default.GraphEdge);
                return await graph.ImportEdgeAsync(tenant, Retry(edge, entry), cancellationToken);
            case SourceTables.Tasks:
                var task = JsonSerializer.Deserialize(entry.RecordJson!, MigrationJson.Default.CaseTask);
                return await cases.ImportTaskAsync(tenant, Retry(task, entry), cancellationToken);
            case SourceTables.Reports:
                var report = JsonSerializer.Deserialize(entry.RecordJson!, MigrationJson.Default.ReportMeta);
                return await cases.ImportReportAsync(tenant, Retry(report, entry), cancellationToken);
            default:
                return ImportOutcome.Quarantined;
        }
    }

    private static ImportRecord<T> Retry<T>(T? value, QuarantinedRecord entry)
        where T : class =>
        new(value, entry.Location, entry.RawText, value is null ? "The quarantined record's parsed form is empty." : null);
}
