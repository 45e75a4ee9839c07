namespace IntelGraph.Server.Storage;

/// <summary>
/// Opens the store once before the server accepts requests, which creates the database when absent
/// and applies the schema migrations it lacks, so a store that cannot be opened stops the start.
/// </summary>
internal sealed class StoreStartup(ServerStore store, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.StartAsync(cancellationToken);
        var session = await store.OpenSessionAsync(cancellationToken);
        try
        {
            var version = await session.ReadSchemaVersionAsync(cancellationToken);
            ServerLog.StoreOpened(logger, store.Location.Display, version);
        }
        finally
        {
            await store.ReleaseAsync(session);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
