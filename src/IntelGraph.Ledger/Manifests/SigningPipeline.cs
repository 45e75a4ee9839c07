namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Seals one manifest on a worker thread while the caller saves the manifest before it and gathers the next
/// batch, so the CPU-bound half of sealing (tree, payload, signature) overlaps with the store's half.
/// Manifests are still saved one by one, in the order they were added.
/// </summary>
/// <remarks>
/// A manifest whose sealing fails is never saved, and neither is any manifest added after it. Every manifest
/// added before it has been saved by the time the failure is raised.
/// </remarks>
internal sealed class SigningPipeline(Func<SealedManifest, CancellationToken, Task> save) : IAsyncDisposable
{
    private Task<SealedManifest>? _sealing;

    /// <summary>Starts sealing the next manifest and saves the one sealed before it.</summary>
    public async Task AddAsync(Func<SealedManifest> seal, CancellationToken cancellationToken)
    {
        var previous = await TakeSealedAsync().ConfigureAwait(false);
        _sealing = Task.Run(seal, cancellationToken);
        if (previous is not null)
        {
            await save(previous, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the manifest being sealed, if any, and saves it.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (await TakeSealedAsync().ConfigureAwait(false) is { } last)
        {
            await save(last, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a manifest still being sealed without saving it, because the signing key is disposed after this.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sealing is { } sealing)
        {
            _sealing = null;
            await ((Task)sealing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<SealedManifest?> TakeSealedAsync()
    {
        if (_sealing is not { } sealing)
        {
            return null;
        }

        _sealing = null;
        return await sealing.ConfigureAwait(false);
    }
}
