using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Migration.Sources;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Seals the claims of one export part into manifests of 1000, in <c>claim_ids.txt</c> order as the
/// cutover playbook does. Ids already sealed, repeated, or absent from the ledger are skipped, so the
/// batches, and therefore the roots, come out the same however often the part is run or resumed.
/// </summary>
internal sealed class PartManifestSealer(MigrationStores stores, ManifestSealer sealer)
{
    public async Task<PartSealing> SealAsync(TenantId tenant, ExportPartSource part, CancellationToken cancellationToken)
    {
        var sealedCount = 0;
        var manifests = 0;
        var listedWithoutClaim = new List<SourceLocation>();
        var batch = new List<string>(ManifestSealer.DefaultBatchSize);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);

        await foreach (var (claimId, location) in part.ReadClaimIdsAsync(cancellationToken))
        {
            if (inBatch.Contains(claimId))
            {
                continue;
            }

            if (await stores.Ledger.FindDigestAsync(tenant, claimId, cancellationToken) is null)
            {
                listedWithoutClaim.Add(location);
                continue;
            }

            var unsealed = await stores.Manifests.FindUnsealedAsync(tenant, [claimId], cancellationToken);
            if (unsealed.Count == 0)
            {
                continue;
            }

            batch.Add(claimId);
            inBatch.Add(claimId);
            if (batch.Count == ManifestSealer.DefaultBatchSize)
            {
                (sealedCount, manifests) = await FlushAsync(tenant, batch, inBatch, sealedCount, manifests, cancellationToken);
            }
        }

        (sealedCount, manifests) = await FlushAsync(tenant, batch, inBatch, sealedCount, manifests, cancellationToken);

        // Claims the part's claims.json holds but its claim_ids.txt does not list are sealed after
        // the listed ones, in ledger order, so that no imported claim stays unsealed.
        var afterSequence = 0L;
        while (true)
        {
            var page = await stores.Ledger.ReadAsync(tenant, afterSequence, 1000, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            afterSequence = page[^1].Sequence;
            var fromPart = page.Where(e => e.Origin?.File == part.ClaimsFile).Select(e => e.Claim.Id).ToList();
            var unsealed = await stores.Manifests.FindUnsealedAsync(tenant, fromPart, cancellationToken);
            foreach (var claimId in fromPart.Where(unsealed.Contains))
            {
                batch.Add(claimId);
                inBatch.Add(claimId);
                if (batch.Count == ManifestSealer.DefaultBatchSize)
                {
                    (sealedCount, manifests) = await FlushAsync(tenant, batch, inBatch, sealedCount, manifests, cancellationToken);
                }
            }
        }

        (sealedCount, manifests) = await FlushAsync(tenant, batch, inBatch, sealedCount, manifests, cancellationToken);
        return new PartSealing(manifests, sealedCount, listedWithoutClaim);
    }

    private async Task<(int Sealed, int Manifests)> FlushAsync(
        TenantId tenant, List<string> batch, HashSet<string> inBatch, int sealedCount, int manifests, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (sealedCount, manifests);
        }

        var created = await sealer.SealAsync(tenant, batch, ManifestSealer.DefaultBatchSize, stores.UnitOfWork, cancellationToken);
        var result = (sealedCount + created.Sum(m => m.TreeSize), manifests + created.Count);
        batch.Clear();
        inBatch.Clear();
        return result;
    }
}

/// <summary>What sealing one export part did.</summary>
/// <param name="ListedWithoutClaim">Lines of claim_ids.txt naming a claim the ledger does not hold.</param>
internal sealed record PartSealing(int Manifests, int ClaimsSealed, IReadOnlyList<SourceLocation> ListedWithoutClaim);
