using IntelGraph.Core;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Seals every claim of a tenant that no manifest seals yet, in ledger append order, in manifests of
/// at most 1000 claims. Imports that have no <c>claim_ids.txt</c> to order their claims, such as a
/// STIX bundle, use it so that every stored claim ends up sealed.
/// </summary>
public sealed class PendingClaimSealer(ILedgerStore ledger, IManifestStore manifests, ManifestSealer sealer)
{
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<SealedManifest>> SealAsync(TenantId tenant, IUnitOfWork? unitOfWork, CancellationToken cancellationToken)
    {
        var sealedManifests = new List<SealedManifest>();
        var pending = new List<string>(ManifestSealer.DefaultBatchSize);
        var afterSequence = 0L;

        while (true)
        {
            var page = await ledger.ReadAsync(tenant, afterSequence, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            afterSequence = page[^1].Sequence;
            var ids = page.Select(entry => entry.Claim.Id).ToList();
            var unsealed = await manifests.FindUnsealedAsync(tenant, ids, cancellationToken).ConfigureAwait(false);
            pending.AddRange(ids.Where(unsealed.Contains));

            while (pending.Count >= ManifestSealer.DefaultBatchSize)
            {
                var batch = pending.GetRange(0, ManifestSealer.DefaultBatchSize);
                pending.RemoveRange(0, ManifestSealer.DefaultBatchSize);
                sealedManifests.AddRange(await sealer.SealAsync(tenant, batch, ManifestSealer.DefaultBatchSize, unitOfWork, cancellationToken).ConfigureAwait(false));
            }
        }

        if (pending.Count > 0)
        {
            sealedManifests.AddRange(await sealer.SealAsync(tenant, pending, ManifestSealer.DefaultBatchSize, unitOfWork, cancellationToken).ConfigureAwait(false));
        }

        return sealedManifests;
    }
}
