using System.Collections.Concurrent;
using IntelGraph.Server.Configuration;
using IntelGraph.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace IntelGraph.Server.Storage;

/// <summary>
/// Open SQLite connections (each a <see cref="SqliteStores"/>) shared between requests. A connection is
/// not thread-safe, so each request rents one for its whole duration and returns it at the end.
/// </summary>
/// <remarks>
/// Opening a connection runs the schema upgrade check, so connections are kept instead of reopened
/// for every request. The first open happens at startup through <see cref="StoreStartup"/>.
/// </remarks>
internal sealed class SqliteStorePool(IOptions<ServerOptions> options, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly ConcurrentBag<SqliteStores> _idle = [];
    private readonly int _maxIdle = Math.Max(1, options.Value.Store.MaxIdleConnections);
    private int _idleCount;
    private bool _disposed;

    public string DatabasePath { get; } = options.Value.Store.ResolvePath();

    public async ValueTask<SqliteStores> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        if (_idle.TryTake(out var stores))
        {
            Interlocked.Decrement(ref _idleCount);
            return stores;
        }

        return await SqliteStores.OpenAsync(DatabasePath, timeProvider, cancellationToken);
    }

    /// <summary>Takes a connection back. The caller must have ended any transaction it began on it.</summary>
    public async ValueTask ReturnAsync(SqliteStores stores)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _maxIdle)
        {
            _idle.Add(stores);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        await stores.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var stores))
        {
            await stores.DisposeAsync();
        }
    }
}
