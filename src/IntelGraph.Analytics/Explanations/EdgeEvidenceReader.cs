using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Analytics.Explanations;

/// <summary>
/// Reads the ledger claims behind graph edges, and for each sealed claim the manifest that seals it and
/// the claim's RFC 9162 inclusion proof, checked against the manifest's stored root before it is returned.
/// </summary>
public sealed class EdgeEvidenceReader(ILedgerStore ledger, IManifestStore manifests)
{
    /// <summary>Returns the claims of each edge id, in append order; an edge without claims maps to an empty list.</summary>
    /// <exception cref="IntegrityException">A sealing manifest's leaves do not give its stored root, so its proofs cannot be trusted.</exception>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ClaimEvidence>>> ReadAsync(
        TenantId tenant, IReadOnlyCollection<string> edgeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edgeIds);

        var claimsByEdge = await ledger.FindClaimsByEdgeAsync(tenant, edgeIds, cancellationToken).ConfigureAwait(false);
        var claimIds = claimsByEdge.Values.SelectMany(claims => claims.Select(claim => claim.Id)).Distinct(StringComparer.Ordinal).ToList();
        var seals = await manifests.FindSealsAsync(tenant, claimIds, cancellationToken).ConfigureAwait(false);

        var trees = new Dictionary<string, (SealedManifest Manifest, MerkleTree Tree)>(StringComparer.Ordinal);
        foreach (var manifestId in seals.Values.Select(seal => seal.ManifestId).Distinct(StringComparer.Ordinal))
        {
            if (await manifests.FindAsync(tenant, manifestId, cancellationToken).ConfigureAwait(false) is { } manifest)
            {
                trees[manifestId] = (manifest, BuildTree(manifest));
            }
        }

        var evidence = new Dictionary<string, IReadOnlyList<ClaimEvidence>>(StringComparer.Ordinal);
        foreach (var edgeId in edgeIds.Distinct(StringComparer.Ordinal))
        {
            var claims = claimsByEdge.TryGetValue(edgeId, out var found) ? found : [];
            evidence[edgeId] = [.. claims.Select(claim => Describe(claim, seals.GetValueOrDefault(claim.Id), trees))];
        }

        return evidence;
    }

    private static ClaimEvidence Describe(Claim claim, ClaimSeal? seal, Dictionary<string, (SealedManifest Manifest, MerkleTree Tree)> trees)
    {
        using var document = JsonDocument.Parse(claim.Body);
        var root = document.RootElement;

        ClaimProof? proof = null;
        if (seal is not null && trees.TryGetValue(seal.ManifestId, out var sealing))
        {
            var auditPath = sealing.Tree.GetAuditPath(seal.LeafIndex);
            var leafHash = sealing.Tree.GetLeafHash(seal.LeafIndex);
            var verified = InclusionProof.Verify(leafHash, seal.LeafIndex, sealing.Tree.Size, auditPath, Convert.FromHexString(sealing.Manifest.RootHash));
            proof = new ClaimProof(
                sealing.Manifest.Id,
                sealing.Manifest.RootHash,
                sealing.Manifest.TreeSize,
                seal.LeafIndex,
                Convert.ToHexStringLower(leafHash),
                [.. auditPath.Select(Convert.ToHexStringLower)],
                verified);
        }

        return new ClaimEvidence(
            claim.Id,
            claim.Digest,
            Text(root, "subject"),
            Text(root, "predicate"),
            Text(root, "object"),
            Text(root, "statement"),
            root.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array ? sources.Clone() : null,
            proof);
    }

    /// <summary>Rebuilds the manifest's tree from its leaf digests and checks that it gives the stored root.</summary>
    private static MerkleTree BuildTree(SealedManifest manifest)
    {
        var leafInputs = new byte[manifest.Leaves.Count][];
        for (var i = 0; i < leafInputs.Length; i++)
        {
            if (!ClaimDigest.TryParse(manifest.Leaves[i].Digest, out var digest))
            {
                throw new IntegrityException(
                    $"Leaf {i} of manifest '{manifest.Id}' has digest '{manifest.Leaves[i].Digest}', which is not \"sha256:\" and 64 lowercase hex characters. Restore the manifest from a backup.");
            }

            leafInputs[i] = digest;
        }

        var tree = new MerkleTree(leafInputs);
        var root = Convert.ToHexStringLower(tree.GetRootHash());
        if (!string.Equals(root, manifest.RootHash, StringComparison.Ordinal))
        {
            throw new IntegrityException(
                $"Manifest '{manifest.Id}' stores root hash {manifest.RootHash}, but its {manifest.TreeSize} leaves give {root}. Restore the manifest from a backup.");
        }

        return tree;
    }

    private static string? Text(JsonElement claim, string member) =>
        claim.ValueKind == JsonValueKind.Object && claim.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>One ledger claim behind an edge: what it states, its cited sources and, once sealed, its proof.</summary>
/// <param name="Sources">The claim's <c>sources</c> array as stored, or null when it has none.</param>
/// <param name="Proof">Null while no manifest seals the claim.</param>
public sealed record ClaimEvidence(
    string ClaimId,
    string Digest,
    string? Subject,
    string? Predicate,
    string? Object,
    string? Statement,
    JsonElement? Sources,
    ClaimProof? Proof);

/// <summary>Where a claim is sealed and the RFC 9162 audit path from its leaf to the manifest root.</summary>
/// <param name="LeafHash">SHA-256 of 0x00 and the claim digest's 32 bytes, in lowercase hex.</param>
/// <param name="AuditPath">Sibling hashes from the leaf up, nearest first, in lowercase hex.</param>
/// <param name="Verified">True when the path recomputes the manifest's root hash.</param>
public sealed record ClaimProof(string ManifestId, string RootHash, int TreeSize, int LeafIndex, string LeafHash, IReadOnlyList<string> AuditPath, bool Verified);
