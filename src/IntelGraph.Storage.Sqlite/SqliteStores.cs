using IntelGraph.Cases.Storage;
using IntelGraph.Governance.Storage;
using IntelGraph.Graph.Storage;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Storage.Sqlite;

/// <summary>Every store of IntelGraph over one SQLite database file.</summary>
public sealed class SqliteStores : IAsyncDisposable
{
    private SqliteStores(SqliteDatabase database, TimeProvider timeProvider)
    {
        Database = database;
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

    public ILedgerStore Ledger { get; }

    public IManifestStore Manifests { get; }

    public ITenantKeyStore Keys { get; }

    public IGraphStore Graph { get; }

    public ICaseStore Cases { get; }

    public IBudgetStore Budgets { get; }

    public IMigrationStore Migration { get; }

    public IWriteFreezeStore WriteFreeze { get; }

    public static async Task<SqliteStores> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var database = await SqliteDatabase.OpenAsync(path, cancellationToken);
        return new SqliteStores(database, timeProvider);
    }

    public MigrationStores ForMigration() => new(Database, Ledger, Manifests, Keys, Graph, Cases, Budgets, Migration);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
