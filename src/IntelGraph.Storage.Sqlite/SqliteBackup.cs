using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// Backups of an embedded database: a consistent copy taken with SQLite's online backup, its SHA-256
/// and a small metadata file. A restore refuses a copy whose checksum no longer matches.
/// </summary>
public static class SqliteBackup
{
    public const string DatabaseFileName = "intelgraph.db";
    public const string MetadataFileName = "backup.json";

    public static async Task<BackupMetadata> BackupAsync(SqliteDatabase database, string folder, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(folder);
        Directory.CreateDirectory(target);
        var copyPath = Path.Combine(target, DatabaseFileName);
        if (File.Exists(copyPath) || File.Exists(Path.Combine(target, MetadataFileName)))
        {
            throw new InvalidInputException($"The folder '{target}' already contains a backup; choose an empty folder so no backup is overwritten.");
        }

        var partialPath = copyPath + ".partial";
        File.Delete(partialPath);
        await database.BackupToAsync(partialPath, cancellationToken);
        SqliteConnection.ClearAllPools();
        File.Move(partialPath, copyPath);

        var metadata = new BackupMetadata(
            Format: 1,
            CreatedAt: timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            SourcePath: database.Path,
            SchemaVersion: await SqliteSchema.ReadVersionAsync(database, cancellationToken),
            FileName: DatabaseFileName,
            SizeBytes: new FileInfo(copyPath).Length,
            Sha256: await HashFileAsync(copyPath, cancellationToken));

        await File.WriteAllBytesAsync(
            Path.Combine(target, MetadataFileName), JsonSerializer.SerializeToUtf8Bytes(metadata, BackupJson.Default.BackupMetadata), cancellationToken);
        return metadata;
    }

    /// <summary>
    /// Replaces the database at <paramref name="databasePath"/> with the backup in <paramref name="folder"/>
    /// after checking its checksum and that it is an SQLite file. Throws <see cref="StoreException"/> while another process has the database open.
    /// </summary>
    public static async Task<BackupMetadata> RestoreAsync(string folder, string databasePath, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(folder);
        var metadataPath = Path.Combine(source, MetadataFileName);
        if (!File.Exists(metadataPath))
        {
            throw new InvalidInputException($"'{source}' is not a backup folder: it has no {MetadataFileName}.");
        }

        BackupMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(metadataPath, cancellationToken), BackupJson.Default.BackupMetadata)
                ?? throw new InvalidInputException($"'{metadataPath}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"'{metadataPath}' is not valid backup metadata: {ex.Message}", ex);
        }

        var copyPath = Path.Combine(source, Path.GetFileName(metadata.FileName));
        if (!File.Exists(copyPath))
        {
            throw new InvalidInputException($"The backup in '{source}' is missing its database file '{metadata.FileName}'.");
        }

        var actual = await HashFileAsync(copyPath, cancellationToken);
        if (!string.Equals(actual, metadata.Sha256, StringComparison.Ordinal))
        {
            throw new IntegrityException(
                $"The backup '{copyPath}' has SHA-256 {actual}, but its metadata records {metadata.Sha256}; the copy is damaged or was changed, so it was not restored.");
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

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}

/// <summary>The contents of a backup's <c>backup.json</c>.</summary>
public sealed record BackupMetadata(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("sourcePath")] string SourcePath,
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("fileName")] string FileName,
    [property: JsonPropertyName("sizeBytes")] long SizeBytes,
    [property: JsonPropertyName("sha256")] string Sha256);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(BackupMetadata))]
internal sealed partial class BackupJson : JsonSerializerContext;
