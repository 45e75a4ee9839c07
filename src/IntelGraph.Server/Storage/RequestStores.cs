using IntelGraph.Storage;

namespace IntelGraph.Server.Storage;

/// <summary>
/// The stores of one request: one session, taken on first use and given back when the request ends.
/// Everything a request does (the freeze check, its reads and its writes) goes through this one
/// session, so the write transaction opened by <see cref="Freeze.WriteTransactionFilter"/> covers it all.
/// </summary>
internal sealed class RequestStores(ServerStore store) : IAsyncDisposable
{
    private StoreSession? _session;

    public async ValueTask<StoreSession> GetAsync(CancellationToken cancellationToken)
    {
        return _session ??= await store.OpenSessionAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            var session = _session;
            _session = null;
            await store.ReleaseAsync(session);
        }
    }
}
