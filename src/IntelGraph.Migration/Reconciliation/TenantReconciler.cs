using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Migration.Importing;
using IntelGraph.Migration.Sources;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Migration.Reconciliation;

/// <summary>
/// Compares a tenant's store with the export it was migrated from, record by record, without
/// writing anything. A record is explained when the store contains it (or a newer version of it)
/// or an identical copy from elsewhere, or when the quarantine contains it with a reason.
/// </summary>
public sealed class TenantReconciler(MigrationStores stores)
{
    /// <summary>When set, the base part's cases, tasks and reports are counted against the old pilot's database instead of its CSV files.</summary>
    public ILegacyCaseTables? LegacyCaseTables { get; init; }

    public async Task<ReconciliationReport> ReconcileAsync(TenantId tenant, string exportRoot, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var counters = SourceTables.All.ToDictionary(t => t, _ => new Counter(), StringComparer.Ordinal);
        var parts = await OpenAppliedPartsAsync(tenant, exportRoot, problems, cancellationToken);

        var quarantine = await stores.Migration.ListQuarantinedAsync(tenant, includeResolved: false, cancellationToken);
        foreach (var part in parts)
        {
            await CountPartAsync(tenant, part, counters, cancellationToken);
            if (await FindListedWithoutClaimAsync(tenant, part, quarantine, cancellationToken) is { } listingProblem)
            {
                problems.Add(listingProblem);
            }
        }

        var manifests = await new ManifestRecomputation(stores).RecomputeAsync(tenant, cancellationToken);

        foreach (var (table, counter) in counters)
        {
            if (counter.Missing > 0)
            {
                problems.Add($"{counter.Missing} {table} record(s) of the export are neither stored, merged nor quarantined.");
            }

            if (counter.Declared is { } declared && declared != counter.Source)
            {
                problems.Add($"The export's export.json files declare {declared} {table} record(s) but its files hold {counter.Source}.");
            }
        }

        foreach (var manifest in manifests.Where(m => !m.Matches))
        {
            problems.Add($"Manifest '{manifest.Id}' no longer matches the ledger: its recomputed root is {manifest.RootHash}.");
        }

        var tables = counters.ToDictionary(
            c => c.Key,
            c => new TableReconciliation(c.Value.Source, c.Value.Declared, c.Value.Imported, c.Value.Duplicates, c.Value.Quarantined, c.Value.Missing),
            StringComparer.Ordinal);
        var quarantineSummary = quarantine
            .Select(q => new QuarantineSummary(q.Table, q.RecordId, q.Reason, q.Location.File, q.Location.Line))
            .ToList();

        return new ReconciliationReport(
            problems.Count == 0, tenant.Value, parts.Select(p => p.Name).ToList(), tables, quarantineSummary, manifests, problems);
    }

    private async Task<List<ExportPartSource>> OpenAppliedPartsAsync(
        TenantId tenant, string exportRoot, List<string> problems, CancellationToken cancellationToken)
    {
        var applied = await stores.Migration.ListAppliedAsync(tenant, cancellationToken);
        var parts = new List<ExportPartSource>();
        if (!applied.Any(a => a.Part == ExportPartSource.BasePart))
        {
            problems.Add($"Tenant '{tenant}' has no completed migration of a base export; run 'intelgraph migrate' first.");
        }

        foreach (var entry in applied)
        {
            if (entry.Part == ExportPartSource.BasePart)
            {
                var basePart = await ExportPartSource.OpenBaseAsync(exportRoot, cancellationToken);
                parts.Add(LegacyCaseTables is null ? basePart : basePart.UseLegacyCaseTables(LegacyCaseTables));
                continue;
            }

            // A delta is looked for under the given export root first, then where it was applied from.
            var underRoot = Path.Combine(exportRoot, entry.Part);
            parts.Add(await ExportPartSource.OpenDeltaAsync(Directory.Exists(underRoot) ? underRoot : Path.Combine(entry.ExportRoot, entry.Part), cancellationToken));
        }

        return parts;
    }

    /// <summary>Checks the part's claim_ids.txt as a migration does (see <see cref="ListedClaimCheck"/>), looking the listed ids up in batches.</summary>
    private async Task<string?> FindListedWithoutClaimAsync(
        TenantId tenant, ExportPartSource part, IReadOnlyList<QuarantinedRecord> quarantine, CancellationToken cancellationToken)
    {
        const int LookupBatch = 4096;
        var listing = new ListedClaimCheck(part, quarantine);
        var batch = new List<ListedClaim>(LookupBatch);
        async Task CheckBatchAsync()
        {
            var stored = await stores.Ledger.FindDigestsAsync(tenant, batch.Select(listed => listed.ClaimId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
            foreach (var listed in batch.Where(listed => !stored.ContainsKey(listed.ClaimId)))
            {
                listing.CountNotInLedger(listed);
            }

            batch.Clear();
        }

        await foreach (var (claimId, location) in part.ReadClaimIdsAsync(cancellationToken))
        {
            if (!listing.IsQuarantined(claimId))
            {
                batch.Add(new ListedClaim(claimId, location));
            }

            if (batch.Count == LookupBatch)
            {
                await CheckBatchAsync();
            }
        }

        await CheckBatchAsync();
        return listing.Problem;
    }

    private async Task CountPartAsync(TenantId tenant, ExportPartSource part, Dictionary<string, Counter> counters, CancellationToken cancellationToken)
    {
        foreach (var table in SourceTables.All)
        {
            if (part.DeclaredCount(table) is { } declared)
            {
                counters[table].Declared = (counters[table].Declared ?? 0) + declared;
            }
        }

        var presence = new RecordPresence(stores, tenant);
        await CountAsync(counters[SourceTables.Claims], part.ReadClaimsAsync(cancellationToken), presence.OfClaimAsync, cancellationToken);
        await CountAsync(counters[SourceTables.Entities], part.ReadEntitiesAsync(cancellationToken), presence.OfEntityAsync, cancellationToken);
        await CountAsync(counters[SourceTables.Edges], part.ReadEdgesAsync(cancellationToken), presence.OfEdgeAsync, cancellationToken);
        await CountAsync(counters[SourceTables.Cases], part.ReadCasesAsync(cancellationToken), presence.OfCaseAsync, cancellationToken);
        await CountAsync(counters[SourceTables.Tasks], part.ReadTasksAsync(cancellationToken), presence.OfTaskAsync, cancellationToken);
        await CountAsync(counters[SourceTables.Reports], part.ReadReportsAsync(cancellationToken), presence.OfReportAsync, cancellationToken);

        async Task CountAsync<T>(Counter counter, IAsyncEnumerable<ImportRecord<T>> records, Func<T, SourceLocation, CancellationToken, Task<Presence>> find, CancellationToken token)
            where T : class
        {
            await foreach (var record in records)
            {
                counter.Source++;
                var quarantined = await stores.Migration.FindQuarantinedAsync(tenant, record.Location, token);
                if (quarantined is { ResolvedAt: null })
                {
                    counter.Quarantined++;
                    continue;
                }

                var presence = record.Value is null ? Presence.Missing : await find(record.Value, record.Location, token);
                switch (presence)
                {
                    case Presence.Stored:
                        counter.Imported++;
                        break;
                    case Presence.Duplicate:
                        counter.Duplicates++;
                        break;
                    default:
                        counter.Missing++;
                        break;
                }
            }
        }
    }

    private sealed class Counter
    {
        public long Source { get; set; }

        public long? Declared { get; set; }

        public long Imported { get; set; }

        public long Duplicates { get; set; }

        public long Quarantined { get; set; }

        public long Missing { get; set; }
    }
}
