using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Storage;
using IntelGraph.Storage.Backups;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph backup</c> and <c>intelgraph restore</c>.</summary>
internal static class BackupCommands
{
    public static Command Backup(CliEnvironment environment)
    {
        var to = new Option<string>("--to") { Description = "Empty folder to write the backup into.", Required = true };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("backup", "Back up the whole store (SQLite's online backup, or pg_dump for PostgreSQL) and record its SHA-256.") { to, json, database };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var metadata = await stores.BackupAsync(parse.GetValue(to)!, environment.TimeProvider, cancellationToken);
            await WriteAsync(environment, metadata, parse.GetValue(json), $"Backed up {metadata.SourcePath} ({metadata.SizeBytes} bytes, sha256 {metadata.Sha256}).");
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    public static Command Restore(CliEnvironment environment)
    {
        var from = new Option<string>("--from") { Description = "Backup folder written by 'intelgraph backup'.", Required = true };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("restore", "Restore a backup after checking its SHA-256: over the SQLite file, or into a new PostgreSQL database.") { from, json, database };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var target = CliEnvironment.ResolveStore(parse.GetValue(database));
            var metadata = await StoreOpener.RestoreAsync(parse.GetValue(from)!, target, cancellationToken);
            await WriteAsync(environment, metadata, parse.GetValue(json), $"Restored {target} from the backup of {metadata.CreatedAt} (sha256 {metadata.Sha256} verified).");
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static Task WriteAsync(CliEnvironment environment, BackupMetadata metadata, bool json, string text) =>
        json ? CliJson.WriteAsync(environment.Out, metadata) : environment.Out.WriteLineAsync(text);
}
