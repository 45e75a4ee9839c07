using System.Collections.Concurrent;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// Open SQLite connections (each a <see cref="SqliteStores"/>) shared between concurrent callers. A
/// connection is not thread-safe, so each caller takes one for as long as it works and gives it back.
/// </summary>
/// <remarks>Opening a connection runs the schema upgrade check, so connections are kept instead of reopened for every caller.</remarks>
public sealed class SqliteSessionPool(StoreLocation location, TimeProvider timeProvider, int maxIdle) : IStoreSessionSource
{
    private readonly ConcurrentBag<SqliteStores> _idle = [];
    private readonly int _maxIdle = Math.Max(1, maxIdle);
    private int _idleCount;
    private bool _disposed;

    public StoreLocation Location { get; } = location;

    public async ValueTask<StoreSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        if (_idle.TryTake(out var stores))
        {
            Interlocked.Decrement(ref _idleCount);
            return stores;
        }

        return await SqliteStores.OpenAsync(Location.Value, timeProvider, cancellationToken);
    }

    public async ValueTask ReleaseAsync(StoreSession session)
    {
        var stores = (SqliteStores)session;
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
