using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using IntelGraph.Governance.Storage;
using IntelGraph.Graph.Storage;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration;
using IntelGraph.Migration.Storage;
using IntelGraph.Storage.Backups;

namespace IntelGraph.Storage;

/// <summary>
/// Every store of IntelGraph over one database connection, whichever database that is. A transaction
/// begun through <see cref="IUnitOfWork"/> covers the writes of all of them.
/// </summary>
/// <remarks>Not thread-safe: one session serves one caller at a time, as a database connection does.</remarks>
public abstract class StoreSession : IUnitOfWork, IAsyncDisposable
{
    public abstract StoreLocation Location { get; }

    public abstract ILedgerStore Ledger { get; }

    public abstract IManifestStore Manifests { get; }

    public abstract ITenantKeyStore Keys { get; }

    public abstract IGraphStore Graph { get; }

    public abstract ICaseStore Cases { get; }

    public abstract IBudgetStore Budgets { get; }

    public abstract IMigrationStore Migration { get; }

    public abstract IWriteFreezeStore WriteFreeze { get; }

    /// <summary>The schema version this build creates and expects.</summary>
    public abstract int LatestSchemaVersion { get; }

    public MigrationStores ForMigration() => new(this, Ledger, Manifests, Keys, Graph, Cases, Budgets, Migration);

    public abstract Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins the transaction of an API write. A freeze cannot overtake it: the write either commits before
    /// a freeze starts, or it begins after and reads that freeze through <see cref="WriteFreeze"/>.
    /// </summary>
    public abstract Task<IStoreTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken);

    /// <summary>The highest schema migration recorded in the database.</summary>
    public abstract Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lock that lets one migration at a time write a tenant, held until the result is disposed.
    /// Throws <see cref="StoreException"/> when another process has taken it.
    /// </summary>
    public abstract Task<IAsyncDisposable> LockTenantMigrationAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Writes a consistent, checksummed backup of the whole database into an empty <paramref name="folder"/>.</summary>
    public abstract Task<BackupMetadata> BackupAsync(string folder, TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>The cutover rehearsal's view of <see cref="BackupAsync"/>.</summary>
    public IStoreBackup AsBackup(TimeProvider timeProvider) => new SessionBackup(this, timeProvider);

    public abstract ValueTask DisposeAsync();

    private sealed class SessionBackup(StoreSession session, TimeProvider timeProvider) : IStoreBackup
    {
        public async Task<string> BackupAsync(string folder, CancellationToken cancellationToken) =>
            (await session.BackupAsync(folder, timeProvider, cancellationToken)).Sha256;
    }
}
