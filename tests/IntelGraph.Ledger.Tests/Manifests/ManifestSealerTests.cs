using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Signing;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Ledger.Tests.Manifests;

public sealed class ManifestSealerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seal_splits_into_batches_in_order()
    {
        var fixture = new SealingFixture(25);
        var ids = SealingFixture.ClaimIds(0, 25);
        ids.Reverse();

        var manifests = await fixture.Sealer.SealAsync(SealingFixture.Tenant, ids, batchSize: 10, cancellationToken: Token);

        Assert.Equal([10, 10, 5], manifests.Select(m => m.TreeSize));
        Assert.Equal(ids, manifests.SelectMany(m => m.Leaves).Select(leaf => leaf.ClaimId));
        Assert.Equal(manifests, fixture.Manifests.Saved);
    }

    [Fact]
    public async Task Default_batch_is_1000_claims()
    {
        var fixture = new SealingFixture(1001);

        var manifests = await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 1001), cancellationToken: Token);

        Assert.Equal([1000, 1], manifests.Select(m => m.TreeSize));
    }

    [Fact]
    public async Task Seal_skips_sealed_and_repeated_ids()
    {
        var fixture = new SealingFixture(10);
        await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 4), cancellationToken: Token);
        List<string> request = [.. SealingFixture.ClaimIds(0, 10), SealingFixture.ClaimId(7)];

        var second = await fixture.Sealer.SealAsync(SealingFixture.Tenant, request, cancellationToken: Token);
        var third = await fixture.Sealer.SealAsync(SealingFixture.Tenant, request, cancellationToken: Token);

        var manifest = Assert.Single(second);
        Assert.Equal(SealingFixture.ClaimIds(4, 6), manifest.Leaves.Select(leaf => leaf.ClaimId));
        Assert.Empty(third);
        Assert.Equal(2, fixture.Manifests.Saved.Count);
    }

    [Fact]
    public async Task Manifest_fields_follow_tree_and_clock()
    {
        var fixture = new SealingFixture(7);

        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 7), cancellationToken: Token));

        var claims = await fixture.Ledger.GetClaimsAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 7), Token);
        var expectedRoot = Convert.ToHexStringLower(
            new MerkleTree([.. SealingFixture.ClaimIds(0, 7).Select(id => ClaimDigest.Parse(claims[id].Digest))]).GetRootHash());
        Assert.Equal(expectedRoot, manifest.RootHash);
        Assert.Equal("mf-" + expectedRoot[..32], manifest.Id);
        Assert.Equal("2025-06-01T12:30:15.123Z", manifest.CreatedAt);
        Assert.Equal(SealingFixture.Tenant, manifest.Tenant);
        Assert.Equal(SealingFixture.ClaimIds(0, 7).Select(id => claims[id].Digest), manifest.Leaves.Select(leaf => leaf.Digest));
    }

    [Fact]
    public async Task Jws_signs_export_payload()
    {
        var fixture = new SealingFixture(5);

        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 5), cancellationToken: Token));

        var keySet = await fixture.SigningKeys.ExportPublicKeysAsync(SealingFixture.Tenant, Token);
        var payload = new System.Buffers.ArrayBufferWriter<byte>();
        JsonCanonicalizer.Canonicalize(ManifestExportDocument.FromManifest(manifest).ToJsonBytes(), payload, "signature");
        var result = DetachedJws.Verify(manifest.Jws, payload.WrittenSpan, keySet);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(manifest.KeyId, result.KeyId);
    }

    [Fact]
    public async Task Seal_creates_tenant_key_once()
    {
        var fixture = new SealingFixture(6);

        var first = await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 3), cancellationToken: Token);
        var second = await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(3, 3), cancellationToken: Token);

        var stored = await fixture.KeyStore.FindAsync(SealingFixture.Tenant, Token);
        Assert.Equal(1, fixture.KeyStore.AddAttempts);
        Assert.Equal(stored!.KeyId, first[0].KeyId);
        Assert.Equal(stored.KeyId, second[0].KeyId);
    }

    [Fact]
    public async Task Nothing_to_seal_creates_no_key()
    {
        var fixture = new SealingFixture(0);

        var manifests = await fixture.Sealer.SealAsync(SealingFixture.Tenant, [], cancellationToken: Token);

        Assert.Empty(manifests);
        Assert.Equal(0, fixture.KeyStore.AddAttempts);
    }

    [Fact]
    public async Task Seal_uses_key_of_concurrent_winner()
    {
        var fixture = new SealingFixture(3);
        using var winner = Es256SigningKey.Create();
        fixture.KeyStore.BeforeAdd = _ => fixture.KeyStore.Put(
            new TenantSigningKey(SealingFixture.Tenant, winner.KeyId, winner.ExportPkcs8(), DateTimeOffset.UnixEpoch));

        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 3), cancellationToken: Token));

        Assert.Equal(winner.KeyId, manifest.KeyId);
        var result = DetachedJws.Verify(
            manifest.Jws,
            ManifestExportDocument.FromManifest(manifest).CreateSigningPayload(),
            new JsonWebKeySet([winner.GetPublicJwk()]));
        Assert.True(result.IsValid, result.Error);
    }

    [Fact]
    public async Task Missing_claim_is_not_found()
    {
        var fixture = new SealingFixture(3);

        var error = await Assert.ThrowsAsync<NotFoundException>(
            () => fixture.Sealer.SealAsync(SealingFixture.Tenant, ["c-0000", "c-9999", "c-0001"], cancellationToken: Token));

        Assert.Contains("'c-9999'", error.Message);
        Assert.Empty(fixture.Manifests.Saved);
    }

    [Fact]
    public async Task Missing_claim_keeps_earlier_batches()
    {
        var fixture = new SealingFixture(4);

        var error = await Assert.ThrowsAsync<NotFoundException>(
            () => fixture.Sealer.SealAsync(SealingFixture.Tenant, ["c-0000", "c-0001", "c-0002", "c-9999"], batchSize: 2, cancellationToken: Token));

        Assert.Contains("1 manifests were sealed before this batch", error.Message);
        Assert.Single(fixture.Manifests.Saved);
    }

    [Fact]
    public async Task Digest_mismatch_is_rejected()
    {
        var fixture = new SealingFixture(0);
        var good = SealingFixture.CreateClaim("c-0000", 0);
        var other = SealingFixture.CreateClaim("c-0000", 1);
        fixture.Ledger.Add(SealingFixture.Tenant, good with { Digest = other.Digest });

        var error = await Assert.ThrowsAsync<IntegrityException>(
            () => fixture.Sealer.SealAsync(SealingFixture.Tenant, ["c-0000"], cancellationToken: Token));

        Assert.Contains("'c-0000'", error.Message);
        Assert.Contains(good.Digest, error.Message);
        Assert.Empty(fixture.Manifests.Saved);
    }

    [Fact]
    public async Task Damaged_claim_stops_later_manifests()
    {
        var fixture = new SealingFixture(2);
        var damaged = SealingFixture.CreateClaim("c-0002", 2);
        fixture.Ledger.Add(SealingFixture.Tenant, damaged with { Digest = SealingFixture.CreateClaim("c-0002", 3).Digest });
        foreach (var index in Enumerable.Range(3, 5))
        {
            fixture.Ledger.Add(SealingFixture.Tenant, SealingFixture.CreateClaim($"c-{index:D4}", index));
        }

        // Batches of one claim: two good manifests, the damaged claim, then five more queued behind it.
        await Assert.ThrowsAsync<IntegrityException>(
            () => fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 8), batchSize: 1, cancellationToken: Token));

        Assert.Equal(["c-0000", "c-0001"], fixture.Manifests.Saved.Select(m => Assert.Single(m.Leaves).ClaimId));
    }

    [Fact]
    public async Task Each_manifest_commits_own_transaction()
    {
        var fixture = new SealingFixture(5);
        var unitOfWork = new RecordingUnitOfWork();

        var manifests = await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 5), batchSize: 2, unitOfWork, Token);

        Assert.Equal(3, manifests.Count);
        Assert.Equal(3, unitOfWork.Begun);
        Assert.Equal(3, unitOfWork.Committed);
        Assert.Equal(3, unitOfWork.Disposed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Batch_size_must_be_positive(int batchSize)
    {
        var fixture = new SealingFixture(1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => fixture.Sealer.SealAsync(SealingFixture.Tenant, ["c-0000"], batchSize, cancellationToken: Token));
    }

    [Fact]
    public async Task Empty_claim_id_is_rejected()
    {
        var fixture = new SealingFixture(1);

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            () => fixture.Sealer.SealAsync(SealingFixture.Tenant, ["c-0000", ""], cancellationToken: Token));

        Assert.Contains("Claim id 1", error.Message);
    }

    [Fact]
    public void Timestamp_is_utc_with_milliseconds()
    {
        var time = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 5, TimeSpan.FromHours(-5)).AddTicks(9999);

        Assert.Equal("2025-01-01T04:59:59.005Z", ManifestSealer.FormatTimestamp(time));
    }
}
