using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration.Tests.Importing;
using IntelGraph.Storage;

namespace IntelGraph.Migration.Tests.Storage;

/// <summary>
/// The ledger's bulk append and the manifest store's leaf rows, on whichever store <see cref="Testing.TestStores"/> picks:
/// what a run appends, what it skips, and that a rejected manifest leaves the store able to save the next one.
/// </summary>
public sealed class LedgerStoreRunTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claim_run_skips_taken_and_repeated_ids()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var ledger = harness.Stores.Ledger;
        var tenant = MigrationHarness.Tenant;
        await ledger.AppendAsync(tenant, NewClaim("c0", "stored before"), At(1), Token);

        // White space, escapes and number forms must come back exactly: the ledger keeps bodies verbatim.
        var rawBody = Encoding.UTF8.GetBytes("{ \"id\" : \"c2\",\n  \"statement\": \"caf\\u00e9 é \\\"q\\\"\", \"n\": 1.50 }");
        var appended = await ledger.TryAppendManyAsync(
            tenant,
            [
                new(NewClaim("c1", "first"), At(2)),
                new(NewClaim("c0", "taken id"), At(3)),
                new(NewClaim("c1", "repeated id"), At(4)),
                new(new Claim("c2", Digest('2'), rawBody), null),
            ],
            Token);

        Assert.Equal([true, false, false, true], appended);
        Assert.Equal(3, await ledger.CountAsync(tenant, Token));
        Assert.Equal(new Stored<string>(Digest('1'), At(2)), await ledger.FindDigestAsync(tenant, "c1", Token));
        Assert.Equal(new Stored<string>(Digest('2'), null), await ledger.FindDigestAsync(tenant, "c2", Token));
        Assert.Equal(Digest('0'), (await ledger.FindDigestAsync(tenant, "c0", Token))?.Value);

        var bodies = (await ledger.ReadAsync(tenant, afterSequence: 0, limit: 10, Token)).ToDictionary(e => e.Claim.Id, e => e.Claim.Body.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(Body("c1", "first")), bodies["c1"]);
        Assert.Equal(rawBody, bodies["c2"]);
    }

    [Fact]
    public async Task Claim_run_without_transaction_commits()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var tenant = MigrationHarness.Tenant;

        await harness.Stores.Ledger.TryAppendManyAsync(tenant, [new(NewClaim("c1", "first"), At(1))], Token);

        await using var other = await StoreOpener.OpenSessionAsync(harness.Stores.Location, TimeProvider.System, Token);
        Assert.Equal(1, await other.Ledger.CountAsync(tenant, Token));
    }

    [Fact]
    public async Task Rejected_manifest_leaves_next_save_working()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var tenant = MigrationHarness.Tenant;
        await harness.Stores.Ledger.TryAppendManyAsync(tenant, [new(NewClaim("c1", "first"), null), new(NewClaim("c2", "second"), null)], Token);
        await harness.Stores.Manifests.SaveAsync(NewManifest("m1", tenant, "c1"), Token);

        // The second leaf is already sealed by m1, so the store must reject m2 whole, after its first leaf went in.
        var rejected = await Assert.ThrowsAsync<StoreException>(() => harness.Stores.Manifests.SaveAsync(NewManifest("m2", tenant, "c2", "c1"), Token));
        await harness.Stores.Manifests.SaveAsync(NewManifest("m3", tenant, "c2"), Token);

        Assert.Contains("m2", rejected.Message, StringComparison.Ordinal);
        Assert.Null(await harness.Stores.Manifests.FindAsync(tenant, "m2", Token));
        Assert.Equal(["c2"], (await harness.Stores.Manifests.FindAsync(tenant, "m3", Token))!.Leaves.Select(l => l.ClaimId));
        Assert.Equal(["m1", "m3"], (await harness.Stores.Manifests.ListAsync(tenant, Token)).Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    private static string Body(string id, string statement) => $$"""{"id":"{{id}}","statement":"{{statement}}"}""";

    private static Claim NewClaim(string id, string statement) => new(id, Digest(id[^1]), Encoding.UTF8.GetBytes(Body(id, statement)));

    private static string Digest(char fill) => "sha256:" + new string(fill, 64);

    private static SealedManifest NewManifest(string id, TenantId tenant, params string[] claimIds) =>
        new(id, tenant, new string('a', 64), "2026-01-01T00:00:00Z", "key-1", "header..signature",
            claimIds.Select(c => new ManifestLeaf(c, Digest(c[^1]))).ToList());

    private static SourceLocation At(long line) => new("claims.json", line);
}
