using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using IntelGraph.Governance.Storage;
using IntelGraph.Graph.Storage;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration.Storage;
using IntelGraph.Storage.Backups;

namespace IntelGraph.Storage.Sqlite;

/// <summary>Every store of IntelGraph over one SQLite database file.</summary>
public sealed class SqliteStores : StoreSession
{
    private SqliteStores(SqliteDatabase database, TimeProvider timeProvider)
    {
        Database = database;
        Location = StoreLocation.Sqlite(database.Path);
        Ledger = new SqliteLedgerStore(database);
        Manifests = new SqliteManifestStore(database);
        Keys = new SqliteTenantKeyStore(database);
        Graph = new SqliteGraphStore(database);
        Cases = new SqliteCaseStore(database);
        Budgets = new SqliteBudgetStore(database, timeProvider);
        Migration = new SqliteMigrationStore(database);
        WriteFreeze = new SqliteWriteFreezeStore(database, timeProvider);
    }

    public SqliteDatabase Database { get; }

    public override StoreLocation Location { get; }

    public override ILedgerStore Ledger { get; }

    public override IManifestStore Manifests { get; }

    public override ITenantKeyStore Keys { get; }

    public override IGraphStore Graph { get; }

    public override ICaseStore Cases { get; }

    public override IBudgetStore Budgets { get; }

    public override IMigrationStore Migration { get; }

    public override IWriteFreezeStore WriteFreeze { get; }

    public override int LatestSchemaVersion => SqliteSchema.LatestVersion;

    public static async Task<SqliteStores> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var database = await SqliteDatabase.OpenAsync(path, cancellationToken);
        return new SqliteStores(database, timeProvider);
    }

    public override Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    /// <remarks>Every SQLite transaction here takes the write lock at once (BEGIN IMMEDIATE), and a freeze is itself a write.</remarks>
    public override Task<IStoreTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public override Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken) =>
        SqliteSchema.ReadVersionAsync(Database, cancellationToken);

    public override Task<IAsyncDisposable> LockTenantMigrationAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(SqliteLockFiles.AcquireTenantMigration(Database.Path, tenant));

    public override Task<BackupMetadata> BackupAsync(string folder, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        SqliteBackup.BackupAsync(Database, folder, timeProvider, cancellationToken);

    public override ValueTask DisposeAsync() => Database.DisposeAsync();
}
