using IntelGraph.Core;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite.Tests;

public sealed class SchemaTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_database_records_every_migration()
    {
        using var folder = new TemporaryFolder();
        await using var stores = await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token);

        var versions = await QueryAsync(folder.File("store.db"), "SELECT version FROM schema_migrations ORDER BY version;");

        Assert.Equal(SqliteSchema.Migrations.Select(m => (long)m.Version), versions.Cast<long>());
    }

    [Fact]
    public async Task Reopening_applies_nothing_twice()
    {
        using var folder = new TemporaryFolder();
        await (await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token)).DisposeAsync();
        await (await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token)).DisposeAsync();

        var versions = await QueryAsync(folder.File("store.db"), "SELECT version FROM schema_migrations;");

        Assert.Equal(SqliteSchema.Migrations.Count, versions.Count);
    }

    [Fact]
    public async Task Newer_schema_is_rejected()
    {
        using var folder = new TemporaryFolder();
        await (await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token)).DisposeAsync();
        await QueryAsync(folder.File("store.db"), $"INSERT INTO schema_migrations VALUES ({SqliteSchema.LatestVersion + 1}, 'future', '2030-01-01');");

        var error = await Assert.ThrowsAsync<StoreException>(() => SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_tenant_table_is_keyed_by_tenant()
    {
        using var folder = new TemporaryFolder();
        await (await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token)).DisposeAsync();

        var tables = await QueryAsync(folder.File("store.db"), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'write_freeze');");
        foreach (string table in tables)
        {
            var columns = await QueryAsync(folder.File("store.db"), $"SELECT name FROM pragma_table_info('{table}');");
            Assert.Contains("tenant", columns.Cast<string>());
        }
    }

    [Fact]
    public async Task Claims_reject_update_and_delete()
    {
        using var folder = new TemporaryFolder();
        await using var stores = await SqliteStores.OpenAsync(folder.File("store.db"), TimeProvider.System, Token);
        await stores.Ledger.AppendAsync(TenantId.Parse("pilot"), new Ledger.Claim("k1", "sha256:00", "{}"u8.ToArray()), null, Token);

        var update = await Assert.ThrowsAsync<SqliteException>(() => QueryAsync(folder.File("store.db"), "UPDATE claims SET digest = 'x';"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => QueryAsync(folder.File("store.db"), "DELETE FROM claims;"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    private static async Task<List<object>> QueryAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<object>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }
}
