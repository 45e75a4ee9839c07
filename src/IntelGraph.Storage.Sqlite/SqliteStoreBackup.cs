using IntelGraph.Migration.Storage;

namespace IntelGraph.Storage.Sqlite;

/// <summary>The embedded store's <see cref="IStoreBackup"/>: SQLite's online backup with a checksum.</summary>
public sealed class SqliteStoreBackup(SqliteDatabase database, TimeProvider timeProvider) : IStoreBackup
{
    public async Task<string> BackupAsync(string folder, CancellationToken cancellationToken)
    {
        var metadata = await SqliteBackup.BackupAsync(database, folder, timeProvider, cancellationToken);
        return metadata.Sha256;
    }
}
