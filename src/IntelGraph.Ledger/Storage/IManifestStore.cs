using IntelGraph.Core;

namespace IntelGraph.Ledger.Storage;

/// <summary>Sealed manifests and the claims each one seals, in leaf order.</summary>
public interface IManifestStore
{
    /// <summary>Returns the ids from <paramref name="claimIds"/> that no manifest of the tenant seals yet.</summary>
    Task<IReadOnlySet<string>> FindUnsealedAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a manifest and its leaves. Throws <see cref="StoreException"/> when the id exists or when
    /// one of its claims is already sealed by another manifest, so no claim is ever sealed twice.
    /// </summary>
    Task SaveAsync(SealedManifest manifest, CancellationToken cancellationToken);

    Task<SealedManifest?> FindAsync(TenantId tenant, string manifestId, CancellationToken cancellationToken);

    /// <summary>Lists the tenant's manifests in the order they were sealed, without their leaves.</summary>
    Task<IReadOnlyList<ManifestSummary>> ListAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Returns where each claim of <paramref name="claimIds"/> is sealed; ids that no manifest seals are absent.</summary>
    /// <remarks>The default implementation reads every manifest. Stores with an index on the leaves' claim ids override it.</remarks>
    async Task<IReadOnlyDictionary<string, ClaimSeal>> FindSealsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimIds);

        var wanted = claimIds.ToHashSet(StringComparer.Ordinal);
        var seals = new Dictionary<string, ClaimSeal>(StringComparer.Ordinal);
        foreach (var summary in await ListAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            var manifest = await FindAsync(tenant, summary.Id, cancellationToken).ConfigureAwait(false);
            for (var i = 0; manifest is not null && i < manifest.Leaves.Count; i++)
            {
                if (wanted.Contains(manifest.Leaves[i].ClaimId))
                {
                    seals[manifest.Leaves[i].ClaimId] = new ClaimSeal(manifest.Leaves[i].ClaimId, manifest.Id, i);
                }
            }
        }

        return seals;
    }
}

/// <summary>The manifest that seals a claim and the claim's leaf index in that manifest's tree.</summary>
public sealed record ClaimSeal(string ClaimId, string ManifestId, int LeafIndex);
