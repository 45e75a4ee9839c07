using IntelGraph.Storage.Sqlite;

namespace IntelGraph.Server.Storage;

/// <summary>
/// Opens the store once before the server accepts requests, which creates the database when absent
/// and applies the schema migrations it lacks, so a store that cannot be opened stops the start.
/// </summary>
internal sealed class StoreStartup(SqliteStorePool pool, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stores = await pool.RentAsync(cancellationToken);
        var version = await SqliteSchemaStatus.ReadVersionAsync(stores.Database, cancellationToken);
        await pool.ReturnAsync(stores);
        ServerLog.StoreOpened(logger, pool.DatabasePath, version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
