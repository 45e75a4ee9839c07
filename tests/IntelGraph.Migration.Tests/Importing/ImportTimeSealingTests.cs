using System.Text.Json;
using IntelGraph.Migration.Sample;
using IntelGraph.Migration.Tests.Sample;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>
/// Claims are sealed while they are imported for as long as claims.json follows claim_ids.txt. The manifests must
/// come out as sealing after the import would make them: batches of 1000 in listing order, then unlisted claims.
/// </summary>
public sealed class ImportTimeSealingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ordered_listing_seals_in_listing_order()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 3, Claims = 2600, Deltas = 0 });
        var claimIds = ReadClaimIds(export);

        await using var harness = await MigrationHarness.CreateAsync();
        var report = await harness.MigrateBaseAsync(export.Root);

        Assert.Equal(ExpectedBatches(claimIds, claimIds), await ReadLeafBatchesAsync(harness));
        Assert.Equal(3, report.ManifestsSealed);
        Assert.Equal(claimIds.Count, report.ClaimsSealed);
    }

    [Fact]
    public async Task Diverging_listing_matches_later_sealing()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 4, Claims = 2600, Deltas = 0 });
        var claimIds = ReadClaimIds(export);

        // In order for 1500 lines, then a repeated id, an id no claim has, the rest in reverse, and one claim left out.
        var listing = claimIds.Take(1500)
            .Append(claimIds[10])
            .Append("claim-that-does-not-exist")
            .Concat(claimIds.Skip(1500).Reverse().Skip(1))
            .ToList();
        File.WriteAllLines(export.FullPath("claim_ids.txt"), listing);

        await using var harness = await MigrationHarness.CreateAsync();
        var report = await harness.MigrateBaseAsync(export.Root);

        Assert.Equal(ExpectedBatches(listing, claimIds), await ReadLeafBatchesAsync(harness));
        Assert.Equal(claimIds.Count, report.ClaimsSealed);
        Assert.Equal("claim-that-does-not-exist", Assert.Single(report.ClaimIdsWithoutClaim).ClaimId);

        // Reconciliation finds the same line unexplained, so verify fails as the migration did.
        var reconciliation = await harness.ReconcileAsync(export.Root);
        Assert.False(reconciliation.Ok);
        Assert.Contains(reconciliation.Problems, p => p.Contains("claim_ids.txt lists 1 claim(s)", StringComparison.Ordinal) && p.Contains("claim-that-does-not-exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerun_keeps_import_time_roots()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 5, Claims = 2100, Deltas = 0 });

        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);
        var before = await harness.Stores.Manifests.ListAsync(MigrationHarness.Tenant, Token);

        var rerun = await harness.MigrateBaseAsync(export.Root);

        Assert.Equal(0, rerun.ManifestsSealed);
        Assert.Equal(
            before.Select(m => m.RootHash),
            (await harness.Stores.Manifests.ListAsync(MigrationHarness.Tenant, Token)).Select(m => m.RootHash));
    }

    /// <summary>
    /// Computes what sealing after the import seals: distinct listed ids that have a claim, in listing order, in
    /// batches of 1000. Then the claims the listing leaves out follow, in claims.json order, in batches of their own.
    /// </summary>
    private static List<List<string>> ExpectedBatches(IReadOnlyList<string> listing, IReadOnlyList<string> claimIds)
    {
        var existing = claimIds.ToHashSet(StringComparer.Ordinal);
        var listed = listing.Where(existing.Contains).Distinct(StringComparer.Ordinal).ToList();
        var listedSet = listed.ToHashSet(StringComparer.Ordinal);
        var unlisted = claimIds.Where(id => !listedSet.Contains(id)).ToList();
        return [.. listed.Chunk(1000).Select(b => b.ToList()), .. unlisted.Chunk(1000).Select(b => b.ToList())];
    }

    private static List<string> ReadClaimIds(GeneratedExport export)
    {
        using var claims = JsonDocument.Parse(export.ReadBytes("claims.json"));
        return claims.RootElement.EnumerateArray().Select(claim => claim.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<List<List<string>>> ReadLeafBatchesAsync(MigrationHarness harness)
    {
        var batches = new List<List<string>>();
        foreach (var summary in await harness.Stores.Manifests.ListAsync(MigrationHarness.Tenant, Token))
        {
            var manifest = await harness.Stores.Manifests.FindAsync(MigrationHarness.Tenant, summary.Id, Token);
            batches.Add(manifest!.Leaves.Select(leaf => leaf.ClaimId).ToList());
        }

        return batches;
    }
}
