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
}
