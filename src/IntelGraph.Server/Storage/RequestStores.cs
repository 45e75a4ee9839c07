using IntelGraph.Storage.Sqlite;

namespace IntelGraph.Server.Storage;

/// <summary>
/// The stores of one request: one pooled connection, rented on first use and returned when the request
/// ends. Everything a request does (the freeze check, its reads and its writes) goes through this one
/// connection, so the write transaction opened by <see cref="Freeze.WriteTransactionFilter"/> covers it all.
/// </summary>
internal sealed class RequestStores(SqliteStorePool pool) : IAsyncDisposable
{
    private SqliteStores? _stores;

    public async ValueTask<SqliteStores> GetAsync(CancellationToken cancellationToken)
    {
        return _stores ??= await pool.RentAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stores is not null)
        {
            var stores = _stores;
            _stores = null;
            await pool.ReturnAsync(stores);
        }
    }
}
