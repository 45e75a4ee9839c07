using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Storage.Backups;

/// <summary>
/// The folder layout every backup shares: one copy file and <c>backup.json</c> with its SHA-256. Each
/// store writes the copy its own way; this class checks folders, writes metadata and verifies checksums.
/// </summary>
public static class BackupFolder
{
    public const string MetadataFileName = "backup.json";

    /// <summary>Creates the folder when absent and returns its full path. Throws when it already contains a backup, so none is overwritten.</summary>
    public static string PrepareEmpty(string folder, string copyFileName)
    {
        var target = Path.GetFullPath(folder);
        Directory.CreateDirectory(target);
        if (File.Exists(Path.Combine(target, copyFileName)) || File.Exists(Path.Combine(target, MetadataFileName)))
        {
            throw new InvalidInputException($"The folder '{target}' already contains a backup; choose an empty folder so no backup is overwritten.");
        }

        return target;
    }

    /// <summary>Hashes the finished copy and writes <c>backup.json</c> beside it.</summary>
    public static async Task<BackupMetadata> SealAsync(
        string copyPath, StoreLocation source, int schemaVersion, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var metadata = new BackupMetadata(
            Format: 1,
            CreatedAt: timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            SourcePath: source.Display,
            SchemaVersion: schemaVersion,
            FileName: Path.GetFileName(copyPath),
            SizeBytes: new FileInfo(copyPath).Length,
            Sha256: await HashFileAsync(copyPath, cancellationToken),
            Store: source.Kind == StoreKind.Postgres ? "postgres" : "sqlite");

        await File.WriteAllBytesAsync(
            Path.Combine(Path.GetDirectoryName(copyPath)!, MetadataFileName),
            JsonSerializer.SerializeToUtf8Bytes(metadata, BackupJson.Default.BackupMetadata),
            cancellationToken);
        return metadata;
    }

    /// <summary>
    /// Reads a backup folder's metadata and checks its copy against the recorded SHA-256. Returns the
    /// metadata and the copy's full path; throws <see cref="IntegrityException"/> when the copy was changed.
    /// </summary>
    public static async Task<(BackupMetadata Metadata, string CopyPath)> ReadVerifiedAsync(string folder, CancellationToken cancellationToken)
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
            throw new InvalidInputException($"The backup in '{source}' is missing its copy '{metadata.FileName}'.");
        }

        var actual = await HashFileAsync(copyPath, cancellationToken);
        if (!string.Equals(actual, metadata.Sha256, StringComparison.Ordinal))
        {
            throw new IntegrityException(
                $"The backup '{copyPath}' has SHA-256 {actual}, but its metadata records {metadata.Sha256}; the copy is damaged or was changed, so it was not restored.");
        }

        return (metadata, copyPath);
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
