using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Migration.Importing;
using IntelGraph.Migration.Sources;
using IntelGraph.Migration.Storage;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Migration;

/// <summary>
/// Moves a legacy pilot tenant onto IntelGraph's store: the base export first, then each delta.
/// Every run is idempotent and resumable: it can be repeated, or restarted after being killed, and
/// ends in the same state as one uninterrupted run.
/// </summary>
public sealed partial class TenantMigrator(
    MigrationStores stores,
    ManifestSealer sealer,
    TimeProvider timeProvider,
    ILogger<TenantMigrator> logger)
{
    /// <summary>
    /// Records written, and claims sealed, per transaction. Smaller batches lose less work to a kill. Larger ones
    /// write faster, because ids are random and each commit writes every index page that its batch touched.
    /// </summary>
    public int BatchSize { get; init; } = 50_000;

    /// <summary>When set, the part being migrated takes its cases, tasks and reports from the old pilot's database instead of its CSV files.</summary>
    public ILegacyCaseTables? LegacyCaseTables { get; init; }

    /// <summary>Imports the base export under <paramref name="exportRoot"/> and initialises the tenant's query budget.</summary>
    public async Task<MigrationReport> MigrateBaseAsync(
        TenantId tenant, string exportRoot, QueryBudget? budget, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var part = WithCaseTables(await ExportPartSource.OpenBaseAsync(exportRoot, cancellationToken));
        var report = await ApplyPartAsync(tenant, part, progress, cancellationToken);

        // The playbook initialises every migrated tenant's budget. An explicit budget replaces an earlier one, but the
        // default only fills a gap, so a re-run never undoes an operator's later change.
        var existing = await stores.Budgets.FindAsync(tenant, cancellationToken);
        if (budget is not null || existing is null)
        {
            await stores.Budgets.SetAsync(tenant, budget ?? QueryBudget.Default, cancellationToken);
        }

        return report with { Budget = await stores.Budgets.FindAsync(tenant, cancellationToken) };
    }

    /// <summary>Applies one delta folder (<c>deltas/NNNN</c>) to a tenant whose base has been migrated.</summary>
    public async Task<MigrationReport> ApplyDeltaAsync(
        TenantId tenant, string deltaFolder, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var applied = await stores.Migration.ListAppliedAsync(tenant, cancellationToken);
        if (!applied.Any(a => a.Part == ExportPartSource.BasePart))
        {
            throw new InvalidInputException(
                $"Tenant '{tenant}' has no migrated base export; run 'intelgraph migrate --from DIR --tenant {tenant}' before applying a delta.");
        }

        var part = WithCaseTables(await ExportPartSource.OpenDeltaAsync(deltaFolder, cancellationToken));

        // Deltas carry changes in time order (a task's later state, an edge's late endpoint), so one may only
        // follow every delta that comes before it in the export.
        var appliedParts = applied.Select(a => a.Part).ToHashSet(StringComparer.Ordinal);
        var earlier = ExportPartSource.FindDeltaFolders(part.Root)
            .Select(folder => "deltas/" + Path.GetFileName(folder))
            .TakeWhile(name => name != part.Name)
            .Where(name => !appliedParts.Contains(name))
            .ToList();
        if (earlier.Count > 0)
        {
            throw new InvalidInputException(
                $"Delta '{part.Name}' cannot be applied to tenant '{tenant}' before {string.Join(", ", earlier)}; apply the deltas in order.");
        }

        var report = await ApplyPartAsync(tenant, part, progress, cancellationToken);
        return report with { Budget = await stores.Budgets.FindAsync(tenant, cancellationToken) };
    }

    private ExportPartSource WithCaseTables(ExportPartSource part) =>
        LegacyCaseTables is null ? part : part.UseLegacyCaseTables(LegacyCaseTables);

    private async Task<MigrationReport> ApplyPartAsync(
        TenantId tenant, ExportPartSource part, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        LogPartStarting(tenant.Value, part.Name, part.Root);

        var quarantine = new QuarantineWriter(stores.Migration, timeProvider);
        var graph = new GraphRecordImporter(stores.Graph, quarantine);
        var cases = new CaseRecordImporter(stores.Cases, quarantine);
        var importer = new ExportPartImporter(
            stores,
            new ClaimRecordImporter(stores.Ledger, quarantine),
            graph,
            cases,
            new QuarantineResolver(stores.Migration, graph, cases, timeProvider),
            sealer,
            BatchSize);

        await stores.Migration.PrepareBulkImportAsync(cancellationToken);
        var started = timeProvider.GetTimestamp();
        var (tallies, importTimeSealing) = await importer.ImportAsync(tenant, part, progress, cancellationToken);
        var imported = timeProvider.GetTimestamp();
        var sealing = await new PartManifestSealer(stores, sealer, BatchSize).SealAsync(tenant, part, importTimeSealing, cancellationToken);
        var sealedAt = timeProvider.GetTimestamp();

        // Recorded last: a part counts as applied only once everything in it is stored and sealed.
        await stores.Migration.RecordAppliedAsync(new AppliedExport(tenant, part.Name, part.Root, timeProvider.GetUtcNow()), cancellationToken);

        var quarantined = await stores.Migration.ListQuarantinedAsync(tenant, includeResolved: false, cancellationToken);
        var problems = FindProblems(part, tallies, sealing, quarantined);
        LogPartFinished(tenant.Value, part.Name, tallies.Values.Sum(t => t.Imported), tallies.Values.Sum(t => t.Quarantined), sealing.Manifests);

        return new MigrationReport(
            tenant,
            part.Name,
            part.Root,
            tallies.Values.ToList(),
            sealing.Manifests,
            sealing.ClaimsSealed,
            sealing.ListedWithoutClaim,
            quarantined.Count,
            Budget: null,
            ImportDuration: timeProvider.GetElapsedTime(started, imported),
            SealDuration: timeProvider.GetElapsedTime(imported, sealedAt))
        {
            Problems = problems,
        };
    }

    /// <summary>
    /// Finds what the part's own files show to be missing: tables whose export.json count differs from the
    /// records read, and claim_ids.txt lines whose claim is neither in the ledger nor in the quarantine.
    /// </summary>
    private static List<string> FindProblems(
        ExportPartSource part, IReadOnlyDictionary<string, TableTally> tallies, PartSealing sealing, IReadOnlyList<QuarantinedRecord> quarantined)
    {
        var problems = new List<string>();
        foreach (var tally in tallies.Values)
        {
            if (part.DeclaredCount(tally.Table) is { } declared && declared != tally.Read)
            {
                problems.Add($"{part.Name}: export.json declares {declared} {tally.Table} record(s), but the files hold {tally.Read}.");
            }
        }

        if (part.ClaimIdsFile is null && tallies[SourceTables.Claims].Read > 0)
        {
            problems.Add($"{part.Name}: there is no claim_ids.txt, so claims were sealed in claims.json order.");
        }

        var listing = new ListedClaimCheck(part, quarantined);
        foreach (var listed in sealing.ListedWithoutClaim)
        {
            listing.CountNotInLedger(listed);
        }

        if (listing.Problem is { } listingProblem)
        {
            problems.Add(listingProblem);
        }

        return problems;
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Migrating {Part} of {ExportRoot} into tenant {TenantId}")]
    private partial void LogPartStarting(string tenantId, string part, string exportRoot);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Migrated {Part} into tenant {TenantId}: {Imported} imported, {Quarantined} quarantined, {Manifests} manifests sealed")]
    private partial void LogPartFinished(string tenantId, string part, long imported, long quarantined, int manifests);
}

/// <summary>The outcome of migrating one export part.</summary>
/// <param name="Tables">Where the records of each source table went.</param>
/// <param name="ManifestsSealed">Manifests this run sealed; zero on a re-run.</param>
/// <param name="ClaimIdsWithoutClaim">Lines of claim_ids.txt whose claim is not in the ledger (quarantined or absent from claims.json).</param>
/// <param name="QuarantineOpen">Records of the tenant still in quarantine after this run, from any part.</param>
/// <param name="ImportDuration">Time spent importing the part's records.</param>
/// <param name="SealDuration">Time spent sealing the part's claims into manifests.</param>
public sealed record MigrationReport(
    TenantId Tenant,
    string Part,
    string ExportRoot,
    IReadOnlyList<TableTally> Tables,
    int ManifestsSealed,
    int ClaimsSealed,
    IReadOnlyList<ListedClaim> ClaimIdsWithoutClaim,
    int QuarantineOpen,
    QueryBudget? Budget,
    TimeSpan ImportDuration,
    TimeSpan SealDuration)
{
    public long Unaccounted => Tables.Sum(t => t.Read - t.Accounted);

    /// <summary>What the export's own files show to be missing or out of order; empty when they agree with what was read.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
