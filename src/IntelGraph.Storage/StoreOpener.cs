using IntelGraph.Storage.Backups;
using IntelGraph.Storage.Postgres;
using IntelGraph.Storage.Sqlite;

namespace IntelGraph.Storage;

/// <summary>Opens the store a <see cref="StoreLocation"/> names, whichever kind of database it is.</summary>
public static class StoreOpener
{
    /// <summary>Opens one session for a single caller, such as a CLI command, creating or upgrading the schema first.</summary>
    public static async Task<StoreSession> OpenSessionAsync(StoreLocation location, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        location.Kind switch
        {
            StoreKind.Postgres => await PostgresStores.OpenAsync(location, timeProvider, cancellationToken),
            _ => await SqliteStores.OpenAsync(location.Value, timeProvider, cancellationToken),
        };

    /// <summary>Opens a source of sessions for concurrent callers, such as the API server's requests.</summary>
    /// <param name="maxIdleSessions">For SQLite, the most idle connections kept open; PostgreSQL's pool sizes itself.</param>
    public static async Task<IStoreSessionSource> OpenSourceAsync(
        StoreLocation location, TimeProvider timeProvider, int maxIdleSessions, CancellationToken cancellationToken) =>
        location.Kind switch
        {
            StoreKind.Postgres => await PostgresSessionSource.CreateAsync(location, timeProvider, cancellationToken),
            _ => new SqliteSessionPool(location, timeProvider, maxIdleSessions),
        };

    /// <summary>Restores a backup written by <see cref="StoreSession.BackupAsync"/> into the store at <paramref name="location"/>.</summary>
    public static Task<BackupMetadata> RestoreAsync(string folder, StoreLocation location, CancellationToken cancellationToken) =>
        location.Kind switch
        {
            StoreKind.Postgres => PostgresBackup.RestoreAsync(folder, location, cancellationToken),
            _ => SqliteBackup.RestoreAsync(folder, location.Value, cancellationToken),
        };
}
