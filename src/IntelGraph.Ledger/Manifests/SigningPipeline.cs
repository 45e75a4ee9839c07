namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Seals manifests on a worker thread while the caller saves earlier ones and gathers the next batch, so the
/// CPU-bound half of sealing (tree, payload, signature) overlaps with the store's half. Manifests are sealed
/// one at a time, in the order they were added, and saved in that order by the caller's thread.
/// </summary>
/// <remarks>
/// Up to <see cref="MaxInFlight"/> manifests wait to be sealed or saved, so a caller that stores other records
/// between batches, as a migration does, rarely waits for the signer. A manifest whose sealing fails is never
/// saved, and neither is any manifest added after it. Every manifest added before it has been saved by the
/// time the failure is raised.
/// </remarks>
internal sealed class SigningPipeline(Func<SealedManifest, CancellationToken, Task> save) : IAsyncDisposable
{
    /// <summary>The largest number of manifests sealed or being sealed but not yet saved. Each contains one batch of leaves.</summary>
    public const int MaxInFlight = 4;

    private readonly Queue<Task<SealedManifest>> _inFlight = new();
    private Task _lastSealing = Task.CompletedTask;

    /// <summary>Queues the next manifest for sealing and saves the manifests sealed before it, as far as they are ready.</summary>
    public async Task AddAsync(Func<SealedManifest> seal, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Seals run one after another, because the signing key is not safe for concurrent use, and a failure surfaces
        // in order. The task takes no token, so a cancelled seal cannot end early and break the chain disposal waits on.
        var previous = _lastSealing;
        var sealing = Task.Run(
            async () =>
            {
                await previous.ConfigureAwait(false);
                return seal();
            },
            CancellationToken.None);
        _inFlight.Enqueue(sealing);
        _lastSealing = sealing;

        while (_inFlight.Count > MaxInFlight || (_inFlight.Count > 0 && _inFlight.Peek().IsCompleted))
        {
            await SaveNextAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for every queued manifest to be sealed and saves them in order.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_inFlight.Count > 0)
        {
            await SaveNextAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for manifests still being sealed without saving them, because the signing key is disposed after this.</summary>
    public async ValueTask DisposeAsync()
    {
        _inFlight.Clear();
        await _lastSealing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SaveNextAsync(CancellationToken cancellationToken)
    {
        var manifest = await _inFlight.Dequeue().ConfigureAwait(false);
        await save(manifest, cancellationToken).ConfigureAwait(false);
    }
}
