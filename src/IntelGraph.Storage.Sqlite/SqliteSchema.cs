using System.Globalization;
using System.Reflection;
using IntelGraph.Core;

namespace IntelGraph.Storage.Sqlite;

/// <summary>
/// Applies the numbered schema migrations embedded as <c>Schema/NNNN_name.sql</c> and records each
/// one in <c>schema_migrations</c>. Migrations are additive, so an older database always upgrades in place.
/// Every migration whose number is not recorded yet runs, in number order, so a migration numbered below one
/// that a database already has still runs once.
/// </summary>
internal static class SqliteSchema
{
    private const string ResourcePrefix = "IntelGraph.Storage.Sqlite.Schema.";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } = LoadMigrations();

    public static int LatestVersion => Migrations[^1].Version;

    public static async Task UpgradeAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
            cancellationToken);

        var current = await ReadVersionAsync(database, cancellationToken);
        if (current > LatestVersion)
        {
            throw new StoreException(
                $"The database '{database.Path}' has schema version {current}, newer than the {LatestVersion} this build knows. Use a newer intelgraph.");
        }

        var applied = await ReadAppliedVersionsAsync(database, cancellationToken);
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            await database.ExecuteAsync(migration.Sql, cancellationToken);

            await using var record = database.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $appliedAt);");
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);

            await transaction.CommitAsync(cancellationToken);
        }
    }

    public static async Task<int> ReadVersionAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;");
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(result, CultureInfo.InvariantCulture);
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT version FROM schema_migrations;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static List<SchemaMigration> LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var version = int.Parse(fileName[..4], NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(version, System.IO.Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version < 1 || (i > 0 && migrations[i].Version == migrations[i - 1].Version))
            {
                throw new InvalidOperationException($"Schema migration {migrations[i].Name} has a number below 1 or the number of another migration; give each migration its own number from 1 up.");
            }
        }

        return migrations;
    }
}

internal sealed record SchemaMigration(int Version, string Name, string Sql);
