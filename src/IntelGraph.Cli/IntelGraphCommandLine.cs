using System.CommandLine;
using IntelGraph.Cli.Commands;
using IntelGraph.Cli.Commands.Analytics;
using IntelGraph.Cli.Commands.Flags;
using IntelGraph.Cli.Commands.Release;

namespace IntelGraph.Cli;

/// <summary>The <c>intelgraph</c> command tree.</summary>
public static class IntelGraphCommandLine
{
    public static RootCommand Build(CliEnvironment environment) =>
        new("IntelGraph: move legacy pilot tenants onto the unified store and prove nothing was lost.")
        {
            MigrateCommand.Create(environment),
            VerifyCommand.Create(environment),
            QuarantineCommand.Create(environment),
            ManifestCommand.Create(environment),
            KeysCommand.Create(environment),
            BackupCommands.Backup(environment),
            BackupCommands.Restore(environment),
            FreezeCommands.Freeze(environment),
            FreezeCommands.Unfreeze(environment),
            RehearseCommand.Create(environment),
            ImportCommand.Create(environment),
            SampleCommand.Create(environment),
            ServeCommand.Create(environment),
            QueryCommand.Create(environment),
            AskCommand.Create(environment),
            FlagsCommand.Create(environment),
            RolloutCommand.Create(environment),
            EdgeCommands.Edge(environment),
            EdgeCommands.Switch(environment),
            EdgeCommands.Rollback(environment),
            CutoverCommand.Create(environment),
            GateCommand.Create(environment),
            PromoteCommand.Create(environment),
            ReleasesCommand.Create(environment),
            SignoffCommand.Create(environment),
            AnalyticsCommand.Create(environment),
        };

    /// <summary>Parses and runs a command line, returning the process exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parseResult = Build(environment).Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        // The caller owns signal handling and cancels the token, so System.CommandLine's own handler is switched off.
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = null };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
