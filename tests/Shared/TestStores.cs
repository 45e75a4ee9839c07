using IntelGraph.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntelGraph.Testing;

/// <summary>
/// Where tests keep their stores. By default each test gets a new SQLite file in its own folder; when
/// <c>INTELGRAPH_TEST_POSTGRES</c> names a PostgreSQL server (as <c>scripts/with-postgres.sh</c> sets it),
/// each test gets a new, empty database on that server instead, so the same tests prove both stores.
/// </summary>
internal static class TestStores
{
    public const string PostgresVariable = "INTELGRAPH_TEST_POSTGRES";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    public static bool OnPostgres => PostgresServer is not null;

    /// <summary>Returns the location of a new, empty store: <paramref name="fileName"/> in <paramref name="folder"/> for SQLite.</summary>
    public static async Task<StoreLocation> CreateAsync(string folder, string fileName = "intelgraph.db")
    {
        if (PostgresServer is not { } server)
        {
            return StoreLocation.Sqlite(Path.Combine(folder, fileName));
        }

        var name = "ig_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();

            // FILE_COPY copies the template's few files instead of logging every page, which is far quicker for an empty database.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} STRATEGY = FILE_COPY;", connection);
            await create.ExecuteNonQueryAsync();
        }

        return StoreLocation.Resolve(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>Returns the location of a PostgreSQL database that does not exist yet, on the test server.</summary>
    public static StoreLocation NewPostgresName() =>
        StoreLocation.Resolve(new NpgsqlConnectionStringBuilder(PostgresServer!) { Database = "ig_test_" + Guid.NewGuid().ToString("N") }.ConnectionString);

    /// <summary>Deletes a PostgreSQL test database; SQLite files go with their test's folder.</summary>
    public static async Task DropAsync(StoreLocation location)
    {
        if (location.Kind != StoreKind.Postgres)
        {
            return;
        }

        var database = new NpgsqlConnectionStringBuilder(location.Value).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Value) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a statement on the store directly, behind the stores' backs, as a test that simulates damage does.</summary>
    public static async Task<int> ExecuteAsync(StoreLocation location, string sql)
    {
        if (location.Kind == StoreKind.Postgres)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Value) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={location.Value};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }
    }
}
