using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Ledger.Manifests;

/// <summary>What rebuilding one manifest from the ledger's claims gave.</summary>
/// <param name="RebuiltRoot">The root of the tree over the digests computed afresh from the stored claim bodies, or null when a claim is missing.</param>
/// <param name="Problems">Each claim that is missing or whose body no longer hashes to the sealed digest; empty when the manifest is reproduced.</param>
public sealed record ManifestRebuild(string ManifestId, int TreeSize, string StoredRoot, string? RebuiltRoot, IReadOnlyList<string> Problems)
{
    public bool Matches => Problems.Count == 0 && string.Equals(StoredRoot, RebuiltRoot, StringComparison.Ordinal);
}

/// <summary>
/// Proves that manifests can be re-created from the claims alone: for each sealed manifest it reads the
/// claims of its leaves from the ledger, hashes each stored body again, builds the RFC 9162 tree over those
/// digests in leaf order and compares the root with the sealed one. Nothing is written.
/// </summary>
public static class ManifestRebuilder
{
    public static async IAsyncEnumerable<ManifestRebuild> RebuildAllAsync(
        ILedgerStore ledger,
        IManifestStore manifests,
        TenantId tenant,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(manifests);

        foreach (var summary in await manifests.ListAsync(tenant, cancellationToken))
        {
            var manifest = await manifests.FindAsync(tenant, summary.Id, cancellationToken)
                ?? throw new NotFoundException($"Manifest '{summary.Id}' of tenant '{tenant}' was listed but could not be read.");
            yield return await RebuildAsync(ledger, manifest, cancellationToken);
        }
    }

    public static async Task<ManifestRebuild> RebuildAsync(ILedgerStore ledger, SealedManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(manifest);

        var claims = await ledger.GetClaimsAsync(manifest.Tenant, [.. manifest.Leaves.Select(leaf => leaf.ClaimId)], cancellationToken);
        var problems = new List<string>();
        var leafInputs = new byte[manifest.Leaves.Count][];
        for (var i = 0; i < manifest.Leaves.Count; i++)
        {
            var leaf = manifest.Leaves[i];
            if (!claims.TryGetValue(leaf.ClaimId, out var claim))
            {
                problems.Add($"claim '{leaf.ClaimId}' (leaf {i}) is missing from the ledger");
                continue;
            }

            var digest = Recompute(claim, problems);
            if (digest is not null && !string.Equals(digest, leaf.Digest, StringComparison.Ordinal))
            {
                problems.Add($"claim '{leaf.ClaimId}' (leaf {i}) now hashes to {digest}, but the manifest sealed {leaf.Digest}");
            }

            leafInputs[i] = ClaimDigest.Parse(digest ?? leaf.Digest);
        }

        string? rebuiltRoot = null;
        if (leafInputs.All(input => input is not null))
        {
            rebuiltRoot = Convert.ToHexStringLower(new MerkleTree(leafInputs).GetRootHash());
        }

        return new ManifestRebuild(manifest.Id, manifest.TreeSize, manifest.RootHash, rebuiltRoot, problems);
    }

    private static string? Recompute(Claim claim, List<string> problems)
    {
        try
        {
            return ClaimDigest.Compute(claim.Body.Span);
        }
        catch (InvalidInputException ex)
        {
            problems.Add($"claim '{claim.Id}' has a stored body that is not a canonicalizable JSON object ({ex.Message})");
            return null;
        }
    }
}
