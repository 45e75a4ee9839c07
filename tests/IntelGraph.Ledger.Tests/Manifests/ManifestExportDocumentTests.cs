using System.Buffers;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Merkle;

namespace IntelGraph.Ledger.Tests.Manifests;

public sealed class ManifestExportDocumentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_has_spec_members_in_order()
    {
        var fixture = new SealingFixture(5);
        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 5), cancellationToken: Token));

        using var document = JsonDocument.Parse(ManifestExportDocument.FromManifest(manifest).ToJsonBytes());

        var root = document.RootElement;
        Assert.Equal(
            ["manifestId", "tenant", "algorithm", "treeSize", "rootHash", "createdAt", "claims", "proofs", "signature"],
            root.EnumerateObject().Select(member => member.Name));
        Assert.Equal(manifest.Id, root.GetProperty("manifestId").GetString());
        Assert.Equal("pilot-ics", root.GetProperty("tenant").GetString());
        Assert.Equal("rfc9162-sha256", root.GetProperty("algorithm").GetString());
        Assert.Equal(5, root.GetProperty("treeSize").GetInt32());
        Assert.Equal(manifest.RootHash, root.GetProperty("rootHash").GetString());
        Assert.Equal("2025-06-01T12:30:15.123Z", root.GetProperty("createdAt").GetString());

        var signature = root.GetProperty("signature");
        Assert.Equal(["alg", "kid", "jws"], signature.EnumerateObject().Select(member => member.Name));
        Assert.Equal("ES256", signature.GetProperty("alg").GetString());
        Assert.Equal(manifest.KeyId, signature.GetProperty("kid").GetString());
        Assert.Equal(manifest.Jws, signature.GetProperty("jws").GetString());
    }

    [Fact]
    public async Task Claims_and_proofs_follow_leaf_order()
    {
        var fixture = new SealingFixture(7);
        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 7), cancellationToken: Token));
        var tree = new MerkleTree([.. manifest.Leaves.Select(leaf => ClaimDigest.Parse(leaf.Digest))]);

        using var document = JsonDocument.Parse(ManifestExportDocument.FromManifest(manifest).ToJsonBytes());

        var claims = document.RootElement.GetProperty("claims").EnumerateArray().ToList();
        var proofs = document.RootElement.GetProperty("proofs").EnumerateArray().ToList();
        Assert.Equal(7, claims.Count);
        Assert.Equal(7, proofs.Count);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(["id", "hash"], claims[i].EnumerateObject().Select(member => member.Name));
            Assert.Equal(manifest.Leaves[i].ClaimId, claims[i].GetProperty("id").GetString());
            Assert.Equal(manifest.Leaves[i].Digest, claims[i].GetProperty("hash").GetString());

            Assert.Equal(["claimId", "leafIndex", "auditPath"], proofs[i].EnumerateObject().Select(member => member.Name));
            Assert.Equal(manifest.Leaves[i].ClaimId, proofs[i].GetProperty("claimId").GetString());
            Assert.Equal(i, proofs[i].GetProperty("leafIndex").GetInt32());
            Assert.Equal(
                tree.GetAuditPath(i).Select(Convert.ToHexStringLower),
                proofs[i].GetProperty("auditPath").EnumerateArray().Select(hash => hash.GetString()));
        }
    }

    [Fact]
    public async Task Signing_payload_is_jcs_without_signature()
    {
        var fixture = new SealingFixture(3);
        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 3), cancellationToken: Token));
        var export = ManifestExportDocument.FromManifest(manifest);

        var fromFile = new ArrayBufferWriter<byte>();
        JsonCanonicalizer.Canonicalize(export.ToJsonBytes(indented: true), fromFile, "signature");

        Assert.Equal(fromFile.WrittenSpan.ToArray(), export.CreateSigningPayload());
        Assert.DoesNotContain("signature"u8.ToArray(), [.. export.CreateSigningPayload()]);
    }

    [Fact]
    public async Task Wrong_stored_root_is_integrity_error()
    {
        var fixture = new SealingFixture(3);
        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 3), cancellationToken: Token));
        var damaged = manifest with { RootHash = new string('0', 64) };

        var error = Assert.Throws<IntegrityException>(() => ManifestExportDocument.FromManifest(damaged));

        Assert.Contains(manifest.Id, error.Message);
        Assert.Contains(manifest.RootHash, error.Message);
    }

    [Fact]
    public async Task Malformed_leaf_digest_is_integrity_error()
    {
        var fixture = new SealingFixture(3);
        var manifest = Assert.Single(await fixture.Sealer.SealAsync(SealingFixture.Tenant, SealingFixture.ClaimIds(0, 3), cancellationToken: Token));
        var leaves = manifest.Leaves.ToList();
        leaves[1] = leaves[1] with { Digest = leaves[1].Digest.ToUpperInvariant() };

        var error = Assert.Throws<IntegrityException>(() => ManifestExportDocument.FromManifest(manifest with { Leaves = leaves }));

        Assert.Contains("claim 'c-0001'", error.Message);
    }
}
