namespace IntelGraph.Migration.Storage;

/// <summary>Takes a consistent, checksummed copy of the whole store, as the cutover's backup steps do.</summary>
public interface IStoreBackup
{
    /// <summary>Writes a backup into <paramref name="folder"/> and returns its SHA-256 as lowercase hex.</summary>
    Task<string> BackupAsync(string folder, CancellationToken cancellationToken);
}
