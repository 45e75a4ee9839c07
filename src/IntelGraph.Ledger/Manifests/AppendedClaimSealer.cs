using IntelGraph.Core;
using IntelGraph.Ledger.Signing;

namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Seals claims that the caller has just appended, from the digests it computed of their bodies, so that
/// sealing needs no store reads. Each call seals one batch into one manifest. Manifests are saved in order,
/// inside whatever transaction the manifest store has open.
/// </summary>
/// <remarks>
/// Unlike <see cref="ManifestSealer.SealAsync"/>, nothing here checks that the claims exist or are unsealed:
/// the caller vouches for both, and the manifest store still refuses a leaf for a missing or sealed claim.
/// Obtain one from <see cref="ManifestSealer.StartAppended"/> and dispose it when done.
/// </remarks>
public sealed class AppendedClaimSealer : IAsyncDisposable
{
    private readonly ManifestSealer _sealer;
    private readonly TenantId _tenant;
    private readonly SigningPipeline _pipeline;
    private Es256SigningKey? _key;

    internal AppendedClaimSealer(ManifestSealer sealer, TenantId tenant)
    {
        _sealer = sealer;
        _tenant = tenant;
        _pipeline = new SigningPipeline(SaveAsync);
    }

    /// <summary>The number of manifests saved so far.</summary>
    /// <remarks>Only counts are kept, so memory stays flat however many manifests a migration seals.</remarks>
    public int ManifestsSaved { get; private set; }

    /// <summary>The number of claims that the saved manifests seal.</summary>
    public int ClaimsSealed { get; private set; }

    /// <summary>Queues <paramref name="leaves"/>, in leaf order, to be sealed into one manifest, and saves the manifests before it that are sealed.</summary>
    public async Task SealAsync(IReadOnlyList<ManifestLeaf> leaves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
        {
            return;
        }

        // The key is loaded on first use, so a run that seals nothing creates no key.
        var key = _key ??= await _sealer.SigningKeys.GetOrCreateAsync(_tenant, cancellationToken).ConfigureAwait(false);
        await _pipeline.AddAsync(() => _sealer.Seal(_tenant, leaves, key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for every queued manifest to be sealed and saves them in order.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _pipeline.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _pipeline.DisposeAsync().ConfigureAwait(false);
        _key?.Dispose();
        _key = null;
    }

    private async Task SaveAsync(SealedManifest manifest, CancellationToken cancellationToken)
    {
        await _sealer.SaveAsync(manifest, unitOfWork: null, cancellationToken).ConfigureAwait(false);
        ManifestsSaved++;
        ClaimsSealed += manifest.TreeSize;
    }
}
