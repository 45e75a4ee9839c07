using IntelGraph.Core;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// Advisory locks between processes that use the same database file, held as locked files beside it.
/// Every open store holds a shared lock; a restore needs the exclusive one, so it cannot replace a file
/// that another process is writing. A migration holds an exclusive lock per tenant.
/// </summary>
/// <remarks>.NET takes these as flock(2) locks on Linux, so the operating system releases them when a process dies, even by SIGKILL.</remarks>
public static class SqliteLockFiles
{
    /// <summary>Takes the shared lock that every open store keeps. Throws when a restore has taken the exclusive one.</summary>
    internal static FileStream AcquireShared(string databasePath)
    {
        try
        {
            return new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (IOException ex)
        {
            throw new StoreException($"The database '{databasePath}' is being restored by another process; wait for the restore to finish and try again.", ex);
        }
    }

    /// <summary>Takes the exclusive lock a restore needs. Throws when any process has the database open.</summary>
    internal static FileStream AcquireExclusive(string databasePath)
    {
        try
        {
            return new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StoreException(
                $"The database '{databasePath}' is open in another process (a migration or the server, for example); stop it before restoring over the database.", ex);
        }
    }

    /// <summary>Takes the lock that lets one migration at a time write a tenant. Throws when another process has taken it.</summary>
    public static FileStream AcquireTenantMigration(string databasePath, TenantId tenant)
    {
        var path = $"{databasePath}.migrate-{tenant}.lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StoreException(
                $"Another migration of tenant '{tenant}' is running on '{databasePath}'; wait for it to finish. Running the same migration again afterwards is safe.", ex);
        }
    }
}
