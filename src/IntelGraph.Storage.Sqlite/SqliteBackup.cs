using IntelGraph.Core;
using IntelGraph.Storage.Backups;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// Backups of an embedded database: a consistent copy taken with SQLite's online backup, its SHA-256
/// and a small metadata file. A restore refuses a copy whose checksum no longer matches.
/// </summary>
public static class SqliteBackup
{
    public const string DatabaseFileName = "intelgraph.db";

    public static async Task<BackupMetadata> BackupAsync(SqliteDatabase database, string folder, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var target = BackupFolder.PrepareEmpty(folder, DatabaseFileName);
        var copyPath = Path.Combine(target, DatabaseFileName);

        var partialPath = copyPath + ".partial";
        File.Delete(partialPath);
        await database.BackupToAsync(partialPath, cancellationToken);
        SqliteConnection.ClearAllPools();
        File.Move(partialPath, copyPath);

        var schemaVersion = await SqliteSchema.ReadVersionAsync(database, cancellationToken);
        return await BackupFolder.SealAsync(copyPath, StoreLocation.Sqlite(database.Path), schemaVersion, timeProvider, cancellationToken);
    }

    /// <summary>
    /// Replaces the database at <paramref name="databasePath"/> with the backup in <paramref name="folder"/>
    /// after checking its checksum and that it is an SQLite file. Throws <see cref="StoreException"/> while another process has the database open.
    /// </summary>
    public static async Task<BackupMetadata> RestoreAsync(string folder, string databasePath, CancellationToken cancellationToken)
    {
        var (metadata, copyPath) = await BackupFolder.ReadVerifiedAsync(folder, cancellationToken);
        if (metadata.StoreKind != StoreKind.Sqlite)
        {
            throw new InvalidInputException($"The backup in '{folder}' is a PostgreSQL dump; restore it with --db naming a PostgreSQL database.");
        }

        var target = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var exclusive = SqliteLockFiles.AcquireExclusive(target);
        await CheckIsSqliteAsync(copyPath, cancellationToken);

        var staging = target + ".restoring";
        File.Copy(copyPath, staging, overwrite: true);

        // The replaced database is kept beside the restored one, so a restore over the wrong file can be undone.
        if (File.Exists(target))
        {
            var kept = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            File.Copy(target, kept, overwrite: false);
            if (File.Exists(target + "-wal"))
            {
                File.Copy(target + "-wal", kept + "-wal", overwrite: false);
            }
        }

        // The old database's WAL and shared-memory files belong to the old contents; left behind they would be replayed onto the restored file.
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
        File.Move(staging, target, overwrite: true);
        return metadata;
    }

    /// <summary>Checks the 16-byte header every SQLite database starts with, so a restore never puts another file in the database's place.</summary>
    private static async Task CheckIsSqliteAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[16];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < header.Length || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
        {
            throw new IntegrityException($"The backup copy '{path}' is not an SQLite database, so it was not restored.");
        }
    }
}
