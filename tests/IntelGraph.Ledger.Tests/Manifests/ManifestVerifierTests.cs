using System.Text;
using System.Text.Json.Nodes;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Tests.Manifests;

public sealed class ManifestVerifierTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Sealed_export_verifies(int claimCount)
    {
        var (export, jwkSet) = await new SealingFixture(claimCount).SealAndExportAsync(claimCount);

        var result = ManifestVerifier.Verify(export, jwkSet);

        Assert.True(result.IsValid, Describe(result));
        Assert.StartsWith("mf-", result.ManifestId);
    }

    [Fact]
    public async Task Reformatted_export_still_verifies()
    {
        var (export, jwkSet) = await new SealingFixture(4).SealAndExportAsync(4);

        // Member order and white space are not signed: JCS puts both back in canonical form.
        var reordered = JsonNode.Parse(export)!.AsObject();
        var signature = reordered["signature"]!.DeepClone();
        reordered.Remove("signature");
        var rebuilt = new JsonObject { ["signature"] = signature };
        foreach (var member in reordered.ToList())
        {
            rebuilt[member.Key] = member.Value!.DeepClone();
        }

        var result = ManifestVerifier.Verify(Encoding.UTF8.GetBytes(rebuilt.ToJsonString()), jwkSet);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public async Task Tampered_claim_hash_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(5).SealAndExportAsync(5);
        var document = Tamper(export, root => root["claims"]![2]!["hash"] = "sha256:" + new string('a', 64));

        var result = ManifestVerifier.Verify(document, jwkSet);

        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.AuditPath && f.Message.Contains("claim 'c-0002' (leaf 2 of 5)"));
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.RootHash);
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.Signature);
        Assert.Single(result.Failures, f => f.Check == ManifestCheck.AuditPath);
    }

    [Fact]
    public async Task Tampered_proof_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(6).SealAndExportAsync(6);
        var document = Tamper(export, root => root["proofs"]![4]!["auditPath"]![0] = new string('b', 64));

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.AuditPath);
        Assert.Contains("claim 'c-0004' (leaf 4 of 6)", failure.Message);
        Assert.DoesNotContain(result.Failures, f => f.Check == ManifestCheck.RootHash);
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.Signature);
    }

    [Fact]
    public async Task Tampered_leaf_index_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(4).SealAndExportAsync(4);
        var document = Tamper(export, root => root["proofs"]![1]!["leafIndex"] = 3);

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.LeafIndex);
        Assert.Contains("proofs[1] (claim 'c-0001') has leafIndex 3", failure.Message);
    }

    [Fact]
    public async Task Swapped_proof_claim_id_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(4).SealAndExportAsync(4);
        var document = Tamper(export, root => root["proofs"]![0]!["claimId"] = "c-0003");

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.ClaimId);
        Assert.Contains("proofs[0] is for claim 'c-0003', but the claim at index 0 is 'c-0000'", failure.Message);
    }

    [Fact]
    public async Task Tampered_root_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root => root["rootHash"] = new string('c', 64));

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.RootHash);
        Assert.Contains($"rootHash is {new string('c', 64)}", failure.Message);
        Assert.Equal(3, result.Failures.Count(f => f.Check == ManifestCheck.AuditPath));
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.Signature);
    }

    [Fact]
    public async Task Tampered_tree_size_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root => root["treeSize"] = 4);

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.TreeSize);
        Assert.Equal("treeSize is 4, but the document lists 3 claims.", failure.Message);
        Assert.DoesNotContain(result.Failures, f => f.Check == ManifestCheck.AuditPath);
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.Signature);
    }

    [Fact]
    public async Task Missing_proof_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root => root["proofs"]!.AsArray().RemoveAt(2));

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.TreeSize);
        Assert.Contains("2 proofs for 3 claims", failure.Message);
    }

    [Fact]
    public async Task Tampered_signature_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root =>
        {
            var jws = root["signature"]!["jws"]!.GetValue<string>();
            var flipped = jws[^5] == 'A' ? 'B' : 'A';
            root["signature"]!["jws"] = jws[..^5] + flipped + jws[^4..];
        });

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.Signature, failure.Check);
        Assert.Contains("does not verify", failure.Message);
    }

    [Fact]
    public async Task Changed_signature_kid_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root => root["signature"]!["kid"] = "other-key");

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.KeyId, failure.Check);
        Assert.Contains("signature.kid is 'other-key'", failure.Message);
    }

    [Fact]
    public async Task Non_es256_signature_alg_is_rejected()
    {
        var (export, jwkSet) = await new SealingFixture(2).SealAndExportAsync(2);
        var document = Tamper(export, root => root["signature"]!["alg"] = "none");

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.Signature, failure.Check);
        Assert.Contains("signature.alg is 'none'", failure.Message);
    }

    [Fact]
    public async Task Changed_tenant_fails_signature()
    {
        var (export, jwkSet) = await new SealingFixture(2).SealAndExportAsync(2);
        var document = Tamper(export, root => root["tenant"] = "someone-else");

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.Signature, failure.Check);
    }

    [Fact]
    public async Task Wrong_algorithm_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(2).SealAndExportAsync(2);
        var document = Tamper(export, root => root["algorithm"] = "rfc6962-sha256");

        var result = ManifestVerifier.Verify(document, jwkSet);

        var failure = Assert.Single(result.Failures, f => f.Check == ManifestCheck.Algorithm);
        Assert.Contains("'rfc6962-sha256'", failure.Message);
    }

    [Fact]
    public async Task Malformed_hashes_are_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root =>
        {
            root["claims"]![1]!["hash"] = root["claims"]![1]!["hash"]!.GetValue<string>().ToUpperInvariant();
            root["proofs"]![0]!["auditPath"]![1] = "xyz";
        });

        var result = ManifestVerifier.Verify(document, jwkSet);

        var hashFailures = result.Failures.Where(f => f.Check == ManifestCheck.HashFormat).ToList();
        Assert.Equal(2, hashFailures.Count);
        Assert.Contains("Claim 'c-0001' at index 1", hashFailures[0].Message);
        Assert.Contains("proofs[0].auditPath[1] (claim 'c-0000')", hashFailures[1].Message);
    }

    [Fact]
    public async Task Hash_with_trailing_newline_is_malformed()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root =>
        {
            root["rootHash"] = root["rootHash"]!.GetValue<string>() + "\n";
            root["proofs"]![0]!["auditPath"]![0] = root["proofs"]![0]!["auditPath"]![0]!.GetValue<string>() + "\n";
            root["createdAt"] = root["createdAt"]!.GetValue<string>() + "\n";
        });

        var result = ManifestVerifier.Verify(document, jwkSet);

        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.HashFormat && f.Message.StartsWith("rootHash"));
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.HashFormat && f.Message.StartsWith("proofs[0].auditPath[0]"));
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.Document && f.Message.StartsWith("createdAt"));
    }

    [Fact]
    public async Task Duplicate_claim_id_is_detected()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        var document = Tamper(export, root => root["claims"]![2]!["id"] = "c-0000");

        var result = ManifestVerifier.Verify(document, jwkSet);

        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.ClaimId && f.Message.Contains("'c-0000' appears at index 0 and again at index 2"));
    }

    [Fact]
    public async Task Every_failure_is_listed()
    {
        var (export, jwkSet) = await new SealingFixture(8).SealAndExportAsync(8);
        var document = Tamper(export, root =>
        {
            root["proofs"]![1]!["auditPath"]![0] = new string('d', 64);
            root["proofs"]![6]!["auditPath"]![0] = new string('e', 64);
            root["treeSize"] = 9;
        });

        var result = ManifestVerifier.Verify(document, jwkSet);

        var auditFailures = result.Failures.Where(f => f.Check == ManifestCheck.AuditPath).ToList();
        Assert.Equal(2, auditFailures.Count);
        Assert.Contains("claim 'c-0001'", auditFailures[0].Message);
        Assert.Contains("claim 'c-0006'", auditFailures[1].Message);
        Assert.Single(result.Failures, f => f.Check == ManifestCheck.TreeSize);
        Assert.Single(result.Failures, f => f.Check == ManifestCheck.Signature);
    }

    [Fact]
    public async Task Key_of_other_tenant_is_rejected()
    {
        var (export, _) = await new SealingFixture(2).SealAndExportAsync(2);
        using var otherKey = Es256SigningKey.Create();

        var result = ManifestVerifier.Verify(export, new JsonWebKeySet([otherKey.GetPublicJwk()]));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.Signature, failure.Check);
        Assert.Contains("No key with kid", failure.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"claims\":5,\"proofs\":{},\"treeSize\":\"3\",\"signature\":[]}")]
    [InlineData("{\"manifestId\":\"a\",\"manifestId\":\"b\"}")]
    [InlineData("{\"treeSize\":1e400,\"claims\":[],\"proofs\":[],\"signature\":{\"alg\":\"ES256\",\"kid\":\"k\",\"jws\":\"a..b\"}}")]
    [InlineData("{\"claims\":[1,{\"id\":2,\"hash\":null}],\"proofs\":[\"x\",{\"claimId\":[],\"leafIndex\":1.5,\"auditPath\":[7]}],\"rootHash\":\"\",\"treeSize\":-1}")]
    public void Malformed_document_fails_without_throwing(string json)
    {
        using var key = Es256SigningKey.Create();

        var result = ManifestVerifier.Verify(Encoding.UTF8.GetBytes(json), new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.False(result.IsValid);
        Assert.Contains(result.Failures, f => f.Check == ManifestCheck.Document);
    }

    [Fact]
    public void Deeply_nested_document_fails_without_throwing()
    {
        var json = "{\"x\":" + new string('[', 200) + new string(']', 200) + "}";
        using var key = Es256SigningKey.Create();

        var result = ManifestVerifier.Verify(Encoding.UTF8.GetBytes(json), new JsonWebKeySet([key.GetPublicJwk()]));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.Document, failure.Check);
        Assert.Contains("not valid JSON", failure.Message);
    }

    [Fact]
    public async Task Malformed_key_set_fails_without_throwing()
    {
        var (export, _) = await new SealingFixture(2).SealAndExportAsync(2);

        var result = ManifestVerifier.Verify(export, "{\"keys\":"u8);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.KeySet, failure.Check);
        Assert.Contains("not valid JSON", failure.Message);
    }

    [Fact]
    public void Invalid_utf8_fails_without_throwing()
    {
        byte[] json = [.. "{\"manifestId\":\""u8, 0xFF, .. "\"}"u8];
        using var key = Es256SigningKey.Create();

        var result = ManifestVerifier.Verify(json, new JsonWebKeySet([key.GetPublicJwk()]));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("The export document is not valid UTF-8 text.", failure.Message);
    }

    [Fact]
    public void Lone_surrogate_fails_without_throwing()
    {
        using var key = Es256SigningKey.Create();

        var result = ManifestVerifier.Verify("{\"manifestId\":\"\\ud800\"}"u8, new JsonWebKeySet([key.GetPublicJwk()]));

        Assert.Null(result.ManifestId);
        Assert.Contains(result.Failures, f => f.Message == "manifestId is missing or not a string of valid Unicode text.");
    }

    [Fact]
    public async Task Byte_order_marks_are_ignored()
    {
        var (export, jwkSet) = await new SealingFixture(3).SealAndExportAsync(3);
        byte[] byteOrderMark = [0xEF, 0xBB, 0xBF];

        var result = ManifestVerifier.Verify([.. byteOrderMark, .. export], [.. byteOrderMark, .. jwkSet]);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public async Task Invalid_utf8_key_set_fails_without_throwing()
    {
        var (export, _) = await new SealingFixture(2).SealAndExportAsync(2);
        byte[] keySet = [.. "{\"keys\":[{\"kty\":\""u8, 0xC3, .. "\"}]}"u8];

        var result = ManifestVerifier.Verify(export, keySet);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(ManifestCheck.KeySet, failure.Check);
        Assert.Equal("The JWK Set is not valid UTF-8 text.", failure.Message);
    }

    private static byte[] Tamper(byte[] export, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(export)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static string Describe(ManifestVerificationResult result)
    {
        return string.Join(Environment.NewLine, result.Failures.Select(f => $"{f.Check}: {f.Message}"));
    }
}
