using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>
/// Sessions over one Npgsql connection pool, for concurrent callers such as the API server's requests.
/// The schema is brought up to date once, when the source is created.
/// </summary>
public sealed class PostgresSessionSource : IStoreSessionSource
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;

    private PostgresSessionSource(StoreLocation location, NpgsqlDataSource dataSource, TimeProvider timeProvider)
    {
        Location = location;
        _dataSource = dataSource;
        _timeProvider = timeProvider;
    }

    public StoreLocation Location { get; }

    public static async Task<PostgresSessionSource> CreateAsync(StoreLocation location, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var dataSource = PostgresDataSources.Create(location);
        try
        {
            await PostgresSchema.UpgradeAsync(location, dataSource, cancellationToken);
            return new PostgresSessionSource(location, dataSource, timeProvider);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<StoreSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        await PostgresStores.OpenPooledAsync(Location, _dataSource, _timeProvider, cancellationToken);

    public ValueTask ReleaseAsync(StoreSession session) => session.DisposeAsync();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
