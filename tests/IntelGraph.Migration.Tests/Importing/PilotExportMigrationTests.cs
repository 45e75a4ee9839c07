using System.Text.Json;
using IntelGraph.Migration.Importing;
using IntelGraph.Migration.Tests.Export;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>The whole migration path on the real pilot-ics export; expected counts come from the export's own files.</summary>
public sealed class PilotExportMigrationTests
{
    private static string Root => SharedDatasets.PilotExportRoot;

    private static string Delta => Path.Combine(Root, "deltas", "0001");

    [Fact]
    public async Task Base_import_accounts_for_every_declared_record()
    {
        await using var harness = await MigrationHarness.CreateAsync();

        var report = await harness.MigrateBaseAsync(Root);

        var declared = ReadDeclaredCounts(Path.Combine(Root, "export.json"));
        foreach (var tally in report.Tables)
        {
            Assert.Equal(declared[tally.Table], tally.Read);
            Assert.Equal(declared[tally.Table], tally.Imported);
            Assert.Equal(0, tally.Quarantined);
        }

        Assert.Equal(0, report.Unaccounted);
    }

    [Fact]
    public async Task Base_import_seals_claims_in_batches_of_1000()
    {
        await using var harness = await MigrationHarness.CreateAsync();

        var report = await harness.MigrateBaseAsync(Root);

        var claimIds = File.ReadAllLines(Path.Combine(Root, "claim_ids.txt")).Where(l => l.Length > 0).ToList();
        var manifests = await harness.Stores.Manifests.ListAsync(MigrationHarness.Tenant, TestContext.Current.CancellationToken);
        Assert.Equal((claimIds.Count + 999) / 1000, manifests.Count);
        Assert.Equal(manifests.Count, report.ManifestsSealed);

        var first = await harness.Stores.Manifests.FindAsync(MigrationHarness.Tenant, manifests[0].Id, TestContext.Current.CancellationToken);
        Assert.Equal(claimIds.Take(1000), first!.Leaves.Select(l => l.ClaimId));
    }

    [Fact]
    public async Task Stored_digests_equal_the_legacy_hashes()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(Root);

        using var claims = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "claims.json")));
        foreach (var claim in claims.RootElement.EnumerateArray())
        {
            var stored = await harness.Stores.Ledger.FindDigestAsync(MigrationHarness.Tenant, claim.GetProperty("id").GetString()!, TestContext.Current.CancellationToken);
            Assert.Equal(claim.GetProperty("hash").GetString(), stored?.Value);
        }
    }

    [Fact]
    public async Task Second_run_changes_nothing_and_keeps_roots()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(Root);
        var rootsBefore = await ListRootsAsync(harness);

        var rerun = await harness.MigrateBaseAsync(Root);

        Assert.All(rerun.Tables, t => Assert.Equal(t.Read, t.AlreadyPresent));
        Assert.Equal(0, rerun.ManifestsSealed);
        Assert.Equal(rootsBefore, await ListRootsAsync(harness));
    }

    [Fact]
    public async Task Roots_are_the_same_in_two_stores()
    {
        await using var first = await MigrationHarness.CreateAsync();
        await using var second = await MigrationHarness.CreateAsync();

        await first.MigrateBaseAsync(Root);
        await second.MigrateBaseAsync(Root);

        Assert.Equal(await ListRootsAsync(first), await ListRootsAsync(second));
    }

    [Fact]
    public async Task Delta_applies_task_state_changes()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(Root);

        var report = await harness.ApplyDeltaAsync(Delta);

        using var deltaExport = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Delta, "export.json")));
        var updatedTasks = deltaExport.RootElement.GetProperty("updatedTasks").EnumerateArray().Select(e => e.GetString()!).ToList();
        var tasks = report.Tables.Single(t => t.Table == SourceTables.Tasks);
        Assert.Equal(updatedTasks.Count, tasks.Updated);

        var deltaStates = ReadTaskStates(Path.Combine(Delta, "legacy", "legacy_tasks.csv"));
        foreach (var taskId in updatedTasks)
        {
            var stored = await harness.Stores.Cases.FindTaskAsync(MigrationHarness.Tenant, taskId, TestContext.Current.CancellationToken);
            Assert.Equal(deltaStates[taskId], stored?.Value.Status);
        }
    }

    [Fact]
    public async Task Delta_claims_get_their_own_manifest()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(Root);

        var report = await harness.ApplyDeltaAsync(Delta);

        var deltaClaims = File.ReadAllLines(Path.Combine(Delta, "claim_ids.txt")).Count(l => l.Length > 0);
        Assert.Equal((deltaClaims + 999) / 1000, report.ManifestsSealed);
        Assert.Equal(deltaClaims, report.ClaimsSealed);
    }

    [Fact]
    public async Task Reconciliation_after_base_and_delta_is_clean()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(Root);
        await harness.ApplyDeltaAsync(Delta);

        var report = await harness.ReconcileAsync(Root);

        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Problems));
        var baseCounts = ReadDeclaredCounts(Path.Combine(Root, "export.json"));
        var deltaCounts = ReadDeclaredCounts(Path.Combine(Delta, "export.json"));
        foreach (var (table, reconciliation) in report.Tables)
        {
            Assert.Equal(baseCounts[table] + deltaCounts[table], reconciliation.Source);
            Assert.Equal(reconciliation.Source, reconciliation.Imported);
            Assert.Equal(0, reconciliation.Missing);
        }

        Assert.All(report.Manifests, m => Assert.True(m.Matches, m.Id));
        Assert.Equal(["base", "deltas/0001"], report.Parts);
    }

    [Fact]
    public async Task Delta_before_base_is_rejected()
    {
        await using var harness = await MigrationHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<Core.InvalidInputException>(() => harness.ApplyDeltaAsync(Delta));

        Assert.Contains("intelgraph migrate --from", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ListRootsAsync(MigrationHarness harness) =>
        (await harness.Stores.Manifests.ListAsync(MigrationHarness.Tenant, TestContext.Current.CancellationToken)).Select(m => m.RootHash).ToList();

    private static Dictionary<string, long> ReadDeclaredCounts(string exportJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(exportJson));
        return document.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    /// <summary>Reads guid and state from the delta's task file, whose fields hold no commas or quotes.</summary>
    private static Dictionary<string, string> ReadTaskStates(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[4]);
}
