using System.Security.Cryptography;
using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;

namespace IntelGraph.Ledger.Tests.Manifests;

/// <summary>
/// The signing payload is written directly in RFC 8785 form. It must be byte for byte what
/// canonicalizing the written export document gives, whatever the claim ids contain.
/// </summary>
public sealed class ManifestSigningPayloadTests
{
    public static TheoryData<int> TreeSizes() => [1, 2, 3, 7, 8, 1000];

    [Theory]
    [MemberData(nameof(TreeSizes))]
    public void Payload_matches_canonical_document(int size)
    {
        var leaves = Enumerable.Range(0, size).Select(i => Leaf($"claim-{i:D5}")).ToList();

        var document = Unsigned(leaves);

        Assert.Equal(document.CanonicalizeUnsignedDocument(), document.CreateSigningPayload());
    }

    public static TheoryData<string> AwkwardIds() =>
    [
        "quote\"inside",
        "back\\slash",
        "tab\tand\nnewline\rand\bbell\fform",
        "control\u0001\u001f",
        "delete\u007f",
        "accents-éèü",
        "cjk-漢字",
        "emoji-\U0001F600",
        "line-separator\u2028",
        "slash/and<html>&'",
    ];

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void Payload_escapes_ids_as_canonicalizer(string claimId)
    {
        var document = Unsigned([Leaf("plain-first"), Leaf(claimId), Leaf("plain-last")]);

        Assert.Equal(document.CanonicalizeUnsignedDocument(), document.CreateSigningPayload());
    }

    [Fact]
    public void Lone_surrogate_id_is_refused()
    {
        var document = Unsigned([Leaf("lone-\ud800")]);

        Assert.ThrowsAny<Exception>(() => document.CreateSigningPayload());
    }

    private static ManifestExportDocument Unsigned(IReadOnlyList<ManifestLeaf> leaves) =>
        ManifestExportDocument.CreateUnsigned(
            "mf-test", TenantId.Parse("alpha"), "2026-12-05T07:00:00Z", leaves, ManifestExportDocument.BuildTree("mf-test", leaves));

    private static ManifestLeaf Leaf(string claimId) =>
        new(claimId, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(claimId))));
}
