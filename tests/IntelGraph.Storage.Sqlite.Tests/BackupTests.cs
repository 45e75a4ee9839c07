using IntelGraph.Core;
using IntelGraph.Graph;

namespace IntelGraph.Storage.Sqlite.Tests;

public sealed class BackupTests
{
    private static readonly TenantId Tenant = TenantId.Parse("pilot");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restore_brings_back_the_backed_up_state()
    {
        using var folder = new TemporaryFolder();
        var databasePath = folder.File("store.db");
        await using (var stores = await SqliteStores.OpenAsync(databasePath, TimeProvider.System, Token))
        {
            await stores.Graph.InsertEntityAsync(Tenant, new GraphEntity("e1", "Before", "malware", null, "2020-01-01T00:00:00Z"), null, Token);
            await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);
            await stores.Graph.InsertEntityAsync(Tenant, new GraphEntity("e2", "After", "malware", null, "2020-01-01T00:00:00Z"), null, Token);
        }

        await SqliteBackup.RestoreAsync(folder.File("backup"), databasePath, Token);

        await using var restored = await SqliteStores.OpenAsync(databasePath, TimeProvider.System, Token);
        Assert.NotNull(await restored.Graph.FindEntityAsync(Tenant, "e1", Token));
        Assert.Null(await restored.Graph.FindEntityAsync(Tenant, "e2", Token));
    }

    [Fact]
    public async Task Backup_metadata_records_the_checksum()
    {
        using var folder = new TemporaryFolder();
        await using var stores = await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token);

        var metadata = await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);

        var copy = await File.ReadAllBytesAsync(Path.Combine(folder.File("backup"), metadata.FileName), Token);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy)), metadata.Sha256);
        Assert.Equal(copy.Length, metadata.SizeBytes);
        Assert.Equal(SqliteSchema.LatestVersion, metadata.SchemaVersion);
    }

    [Fact]
    public async Task Restore_rejects_a_changed_copy()
    {
        using var folder = new TemporaryFolder();
        var databasePath = folder.File("store.db");
        await using (var stores = await SqliteStores.OpenAsync(databasePath, TimeProvider.System, Token))
        {
            await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);
        }

        var copyPath = Path.Combine(folder.File("backup"), SqliteBackup.DatabaseFileName);
        var bytes = await File.ReadAllBytesAsync(copyPath, Token);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(copyPath, bytes, Token);
        var before = await File.ReadAllBytesAsync(databasePath, Token);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => SqliteBackup.RestoreAsync(folder.File("backup"), databasePath, Token));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(databasePath, Token));
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_a_backup()
    {
        using var folder = new TemporaryFolder();
        await using var stores = await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token);
        await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token));
    }

    [Fact]
    public async Task Restore_waits_for_open_stores_to_close()
    {
        using var folder = new TemporaryFolder();
        var databasePath = folder.File("store.db");
        await using var stores = await SqliteStores.OpenAsync(databasePath, TimeProvider.System, Token);
        await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);

        var error = await Assert.ThrowsAsync<StoreException>(() => SqliteBackup.RestoreAsync(folder.File("backup"), databasePath, Token));

        Assert.Contains("open in another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_keeps_the_replaced_database()
    {
        using var folder = new TemporaryFolder();
        var databasePath = folder.File("store.db");
        await using (var stores = await SqliteStores.OpenAsync(databasePath, TimeProvider.System, Token))
        {
            await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);
        }

        await SqliteBackup.RestoreAsync(folder.File("backup"), databasePath, Token);

        Assert.Single(Directory.GetFiles(folder.Path, "store.db.before-restore-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_rejects_a_copy_that_is_not_sqlite()
    {
        using var folder = new TemporaryFolder();
        var databasePath = folder.File("store.db");
        await using (var stores = await SqliteStores.OpenAsync(databasePath, TimeProvider.System, Token))
        {
            await SqliteBackup.BackupAsync(stores.Database, folder.File("backup"), TimeProvider.System, Token);
        }

        var copyPath = Path.Combine(folder.File("backup"), SqliteBackup.DatabaseFileName);
        await File.WriteAllTextAsync(copyPath, "hello!", Token);
        var metadataPath = Path.Combine(folder.File("backup"), IntelGraph.Storage.Backups.BackupFolder.MetadataFileName);
        var checksum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("hello!"u8));
        var metadata = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(metadataPath, Token), "\"sha256\": \"[0-9a-f]+\"", $"\"sha256\": \"{checksum}\"");
        await File.WriteAllTextAsync(metadataPath, metadata, Token);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => SqliteBackup.RestoreAsync(folder.File("backup"), databasePath, Token));

        Assert.Contains("not an SQLite database", error.Message, StringComparison.Ordinal);
    }
}
