using System.Diagnostics;
using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Migration.Sources;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Imports one part of a legacy export (the base or one delta) table by table. Entities and cases
/// come first so that edges, tasks and reports find what they point to, and quarantined records
/// of earlier parts are retried as soon as this part has brought what they were missing.
/// </summary>
internal sealed class ExportPartImporter(
    MigrationStores stores,
    ClaimRecordImporter claims,
    GraphRecordImporter graph,
    CaseRecordImporter cases,
    QuarantineResolver resolver,
    ManifestSealer sealer,
    int batchSize)
{
    // Claims are about a kilobyte each, so a run of this many is a few megabytes in memory at most.
    private const int MaxRun = 4096;

    public async Task<PartImport> ImportAsync(
        TenantId tenant, ExportPartSource part, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var tallies = SourceTables.All.ToDictionary(t => t, t => new TableTally(t), StringComparer.Ordinal);
        await using var batch = new TransactionBatch(stores.UnitOfWork, batchSize);
        await batch.BeginAsync(cancellationToken);

        await ImportRunsAsync(part, tallies[SourceTables.Entities], Prefetch(part.ReadEntitiesAsync(cancellationToken), cancellationToken), run => graph.ImportEntitiesAsync(tenant, run, cancellationToken), batch, progress, cancellationToken);
        await ImportRunsAsync(part, tallies[SourceTables.Cases], Prefetch(part.ReadCasesAsync(cancellationToken), cancellationToken), run => cases.ImportCasesAsync(tenant, run, cancellationToken), batch, progress, cancellationToken);

        var resolved = await resolver.ResolveAsync(tenant, batch, cancellationToken);
        foreach (var (table, count) in resolved)
        {
            tallies[table].Resolved += count;
        }

        await ImportRunsAsync(part, tallies[SourceTables.Edges], Prefetch(part.ReadEdgesAsync(cancellationToken), cancellationToken), run => graph.ImportEdgesAsync(tenant, run, cancellationToken), batch, progress, cancellationToken);
        await ImportRunsAsync(part, tallies[SourceTables.Tasks], Prefetch(part.ReadTasksAsync(cancellationToken), cancellationToken), run => cases.ImportTasksAsync(tenant, run, cancellationToken), batch, progress, cancellationToken);
        await ImportRunsAsync(part, tallies[SourceTables.Reports], Prefetch(part.ReadReportsAsync(cancellationToken), cancellationToken), run => cases.ImportReportsAsync(tenant, run, cancellationToken), batch, progress, cancellationToken);

        // Digesting a claim is the costly step that needs no store, so it runs on the reading thread. Claims are
        // sealed as they are stored, as far as claims.json follows claim_ids.txt, because their digests are at hand.
        var digestedClaims = ReadAhead.SelectAsync(part.ReadClaimsAsync(cancellationToken), ClaimRecordImporter.Digest, cancellationToken);
        await using var importTimeSealer = new ImportTimeSealer(sealer, tenant, part, cancellationToken);
        await ImportRunsAsync(part, tallies[SourceTables.Claims], digestedClaims, async run =>
        {
            var outcomes = await claims.StoreManyAsync(tenant, run, cancellationToken);
            await importTimeSealer.OfferAsync(run, outcomes, cancellationToken);
            return outcomes;
        }, batch, progress, cancellationToken);
        var sealing = await importTimeSealer.FinishAsync(cancellationToken);

        await batch.CommitAsync(cancellationToken);
        return new PartImport(tallies, sealing);
    }

    /// <summary>
    /// Imports a table in runs of records, so a store with a bulk path (PostgreSQL's binary COPY and array inserts)
    /// writes each run in one round trip. A run never outgrows the transaction batch, so a killed import still loses
    /// at most one batch.
    /// </summary>
    private async Task ImportRunsAsync<TRecord>(
        ExportPartSource part,
        TableTally tally,
        IAsyncEnumerable<TRecord> records,
        Func<IReadOnlyList<TRecord>, Task<IReadOnlyList<ImportOutcome>>> importRun,
        TransactionBatch batch,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var expected = part.DeclaredCount(tally.Table);
        progress?.Report(new ImportProgress(part.Name, tally.Table, 0, expected, Finished: false));

        var runLength = Math.Clamp(batchSize, 1, MaxRun);
        var run = new List<TRecord>(runLength);
        async Task StoreRunAsync()
        {
            foreach (var outcome in await importRun(run))
            {
                tally.Read++;
                tally.Count(outcome);
            }

            await batch.CountAsync(run.Count, cancellationToken);
            progress?.Report(new ImportProgress(part.Name, tally.Table, tally.Read, expected, Finished: false));
            run.Clear();
        }

        await foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            run.Add(record);
            if (run.Count == runLength)
            {
                await StoreRunAsync();
            }
        }

        if (run.Count > 0)
        {
            await StoreRunAsync();
        }

        tally.Duration += Stopwatch.GetElapsedTime(started);
        progress?.Report(new ImportProgress(part.Name, tally.Table, tally.Read, expected, Finished: true));
    }

    /// <summary>Reads the records on a worker thread ahead of the importer, which only waits for the store.</summary>
    private static IAsyncEnumerable<ImportRecord<T>> Prefetch<T>(IAsyncEnumerable<ImportRecord<T>> records, CancellationToken cancellationToken)
        where T : class =>
        ReadAhead.SelectAsync(records, record => record, cancellationToken);
}

/// <summary>The result of importing one export part: the tally of each table, and the manifests sealed while claims were stored.</summary>
internal sealed record PartImport(IReadOnlyDictionary<string, TableTally> Tallies, ImportTimeSealing Sealing);

/// <summary>How far the import of one table of one export part has come.</summary>
/// <param name="Expected">The count the part's export.json declares, when it declares one.</param>
/// <param name="Finished">True on the last report of the table.</param>
public sealed record ImportProgress(string Part, string Table, long Processed, long? Expected, bool Finished);
