using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;

namespace IntelGraph.Migration.Reconciliation;

/// <summary>
/// Recomputes every manifest of a tenant from the ledger: each leaf's digest from its stored claim
/// body, then the RFC 9162 root. A match proves that no sealed claim changed since it was sealed.
/// </summary>
internal sealed class ManifestRecomputation(MigrationStores stores)
{
    public async Task<IReadOnlyList<ManifestReconciliation>> RecomputeAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var results = new List<ManifestReconciliation>();
        foreach (var summary in await stores.Manifests.ListAsync(tenant, cancellationToken))
        {
            var manifest = await stores.Manifests.FindAsync(tenant, summary.Id, cancellationToken)
                ?? throw new StoreException($"Manifest '{summary.Id}' of tenant '{tenant}' was listed but cannot be read.");
            var claims = await stores.Ledger.GetClaimsAsync(tenant, manifest.Leaves.Select(l => l.ClaimId).ToList(), cancellationToken);

            var leavesMatch = true;
            var leafInputs = new List<byte[]>(manifest.TreeSize);
            foreach (var leaf in manifest.Leaves)
            {
                if (!claims.TryGetValue(leaf.ClaimId, out var claim))
                {
                    leavesMatch = false;
                    leafInputs.Add(ClaimDigest.Parse(leaf.Digest));
                    continue;
                }

                var digest = ClaimDigest.Compute(claim.Body.Span);
                leavesMatch &= string.Equals(digest, leaf.Digest, StringComparison.Ordinal);
                leafInputs.Add(ClaimDigest.Parse(digest));
            }

            var root = Convert.ToHexStringLower(new MerkleTree(leafInputs).GetRootHash());
            var matches = leavesMatch && string.Equals(root, manifest.RootHash, StringComparison.Ordinal);
            results.Add(new ManifestReconciliation(manifest.Id, manifest.TreeSize, root, manifest.RootHash, matches));
        }

        return results;
    }
}
