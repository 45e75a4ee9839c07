using System.Diagnostics;
using IntelGraph.Core;
using IntelGraph.Storage.Backups;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

/// <summary>
/// Backups of a PostgreSQL store with the server's own tools: pg_dump writes one custom-format archive,
/// whose SHA-256 goes into <c>backup.json</c>, and pg_restore loads it into an empty database.
/// </summary>
public static class PostgresBackup
{
    public const string DumpFileName = "intelgraph.pgdump";

    /// <summary>The environment variable naming the folder of pg_dump and pg_restore, when they are not on the PATH.</summary>
    public const string ToolFolderVariable = "INTELGRAPH_PG_BIN";

    public static async Task<BackupMetadata> BackupAsync(PostgresStores stores, string folder, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var target = BackupFolder.PrepareEmpty(folder, DumpFileName);
        var dumpPath = Path.Combine(target, DumpFileName);
        var partialPath = dumpPath + ".partial";
        File.Delete(partialPath);

        // pg_dump reads one snapshot, so the archive is consistent while the store stays in use.
        await RunToolAsync(
            "pg_dump", stores.Location, ["--format=custom", "--no-owner", "--no-privileges", "--file", partialPath], cancellationToken);
        File.Move(partialPath, dumpPath);

        var schemaVersion = await stores.ReadSchemaVersionAsync(cancellationToken);
        return await BackupFolder.SealAsync(dumpPath, stores.Location, schemaVersion, timeProvider, cancellationToken);
    }

    /// <summary>
    /// Loads the backup in <paramref name="folder"/> into the database <paramref name="location"/> names, after checking
    /// its checksum. The database is created when absent. One that already contains IntelGraph tables is rejected, so a
    /// restore never mixes two stores.
    /// </summary>
    public static async Task<BackupMetadata> RestoreAsync(string folder, StoreLocation location, CancellationToken cancellationToken)
    {
        var (metadata, dumpPath) = await BackupFolder.ReadVerifiedAsync(folder, cancellationToken);
        if (metadata.StoreKind != StoreKind.Postgres)
        {
            throw new InvalidInputException($"The backup in '{folder}' is an SQLite copy; restore it with --db naming an SQLite file.");
        }

        await EnsureEmptyDatabaseAsync(location, cancellationToken);
        await RunToolAsync("pg_restore", location, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dumpPath], cancellationToken);
        return metadata;
    }

    private static async Task EnsureEmptyDatabaseAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(location.Value) { Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL;", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                throw new InvalidInputException(
                    $"The database {location.Display} already holds an IntelGraph store. Restore into a new database name, or drop this one first if you mean to replace it.");
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var database = settings.Database!;
            settings.Database = "postgres";
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\";", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresErrors.IsConnectionFailure(ex))
        {
            throw PostgresErrors.Unreachable(location, ex);
        }
    }

    /// <summary>Runs pg_dump or pg_restore against the store, passing the connection settings through libpq's environment variables.</summary>
    private static async Task RunToolAsync(string tool, StoreLocation location, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(location.Value);
        var toolFolder = Environment.GetEnvironmentVariable(ToolFolderVariable);
        var start = new ProcessStartInfo(string.IsNullOrEmpty(toolFolder) ? tool : Path.Combine(toolFolder, tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(settings.Database ?? string.Empty);
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username ?? Environment.UserName;
        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new StoreException($"Could not start {tool}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new StoreException(
                $"Could not run {tool}: {ex.Message}. Install PostgreSQL's client tools (Debian package postgresql-client) or set {ToolFolderVariable} to their folder.", ex);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new StoreException($"{tool} failed with exit code {process.ExitCode} for {location.Display}: {(await errors).Trim()} {(await output).Trim()}".TrimEnd());
            }
        }
    }
}
