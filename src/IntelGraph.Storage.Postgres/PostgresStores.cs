using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using IntelGraph.Governance.Storage;
using IntelGraph.Graph.Storage;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration.Storage;
using IntelGraph.Storage.Backups;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>Every store of IntelGraph over one connection to a PostgreSQL database.</summary>
public sealed class PostgresStores : StoreSession
{
    private readonly NpgsqlDataSource? _ownedDataSource;

    private PostgresStores(PostgresDatabase database, TimeProvider timeProvider, NpgsqlDataSource? ownedDataSource)
    {
        Database = database;
        _ownedDataSource = ownedDataSource;
        Ledger = new PostgresLedgerStore(database);
        Manifests = new PostgresManifestStore(database);
        Keys = new PostgresTenantKeyStore(database);
        Graph = new PostgresGraphStore(database);
        Cases = new PostgresCaseStore(database);
        Budgets = new PostgresBudgetStore(database, timeProvider);
        Migration = new PostgresMigrationStore(database);
        WriteFreeze = new PostgresWriteFreezeStore(database, timeProvider);
    }

    public PostgresDatabase Database { get; }

    public override StoreLocation Location => Database.Location;

    public override ILedgerStore Ledger { get; }

    public override IManifestStore Manifests { get; }

    public override ITenantKeyStore Keys { get; }

    public override IGraphStore Graph { get; }

    public override ICaseStore Cases { get; }

    public override IBudgetStore Budgets { get; }

    public override IMigrationStore Migration { get; }

    public override IWriteFreezeStore WriteFreeze { get; }

    public override int LatestSchemaVersion => PostgresSchema.LatestVersion;

    /// <summary>Connects to the database, creating IntelGraph's tables or upgrading them first. The session owns its connection pool.</summary>
    public static async Task<PostgresStores> OpenAsync(StoreLocation location, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var dataSource = PostgresDataSources.Create(location);
        try
        {
            await PostgresSchema.UpgradeAsync(location, dataSource, cancellationToken);
            var database = await PostgresDatabase.OpenAsync(location, dataSource, cancellationToken);
            return new PostgresStores(database, timeProvider, dataSource);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a session on a pool that the caller owns and has already upgraded.</summary>
    internal static async Task<PostgresStores> OpenPooledAsync(
        StoreLocation location, NpgsqlDataSource dataSource, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var database = await PostgresDatabase.OpenAsync(location, dataSource, cancellationToken);
        return new PostgresStores(database, timeProvider, ownedDataSource: null);
    }

    public override Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public override async Task<IStoreTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = Database.Command("SELECT pg_advisory_xact_lock_shared(@key);").With("key", PostgresWriteFreezeStore.FreezeLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public override Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken) =>
        PostgresSchema.ReadVersionAsync(Database, cancellationToken);

    public override async Task<IAsyncDisposable> LockTenantMigrationAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = Database.Command("SELECT pg_try_advisory_lock(hashtextextended('migrate:' || @tenant, 0));").WithText("tenant", tenant.Value);
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new StoreException(
                $"Another migration of tenant '{tenant}' is running on {Location.Display}; wait for it to finish. Running the same migration again afterwards is safe.");
        }

        return new TenantMigrationLock(Database, tenant);
    }

    public override Task<BackupMetadata> BackupAsync(string folder, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        PostgresBackup.BackupAsync(this, folder, timeProvider, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_ownedDataSource is not null)
        {
            await _ownedDataSource.DisposeAsync();
        }
    }

    private sealed class TenantMigrationLock(PostgresDatabase database, TenantId tenant) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = database.Command("SELECT pg_advisory_unlock(hashtextextended('migrate:' || @tenant, 0));").WithText("tenant", tenant.Value);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception ex) when (PostgresErrors.IsConnectionFailure(ex) || ex is InvalidOperationException)
            {
                // The server ends a session's advisory locks with its connection, so a lost connection has released this one.
            }
        }
    }
}
