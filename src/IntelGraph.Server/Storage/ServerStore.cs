using IntelGraph.Server.Configuration;
using IntelGraph.Storage;
using Microsoft.Extensions.Options;

namespace IntelGraph.Server.Storage;

/// <summary>
/// The server's store: a source of sessions opened once at startup by <see cref="StoreStartup"/>. Each
/// request takes one session through <see cref="RequestStores"/> and gives it back when it ends.
/// </summary>
internal sealed class ServerStore(IOptions<ServerOptions> options, TimeProvider timeProvider) : IAsyncDisposable
{
    private IStoreSessionSource? _source;

    public StoreLocation Location { get; } = options.Value.Store.ResolveLocation();

    /// <summary>Connects to the store, creating or upgrading its schema. Called once before the server accepts requests.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _source ??= await StoreOpener.OpenSourceAsync(Location, timeProvider, options.Value.Store.MaxIdleConnections, cancellationToken);
    }

    public ValueTask<StoreSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        (_source ?? throw new InvalidOperationException("The store is used before the server started.")).OpenSessionAsync(cancellationToken);

    public ValueTask ReleaseAsync(StoreSession session) => _source!.ReleaseAsync(session);

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }
}
