using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Commands.Flags;

/// <summary><c>intelgraph flags check</c>: validate the flags file, as CI or a reviewer would before a render.</summary>
internal static class FlagsCheckCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = FlagsCommand.File();
        var json = CommonOptions.Json();
        var command = new Command("check", "Validate the flags file and list each environment's settings; exit 2 with file, line and field for every problem.")
        {
            file, json,
        };

        command.SetAction((parse, cancellationToken) => FlagsCommand.RunAsync(environment, async () =>
        {
            var path = parse.GetValue(file)!;
            if (!parse.GetValue(json))
            {
                var document = await FlagsFileReader.ReadAsync(path, cancellationToken);
                await WriteSummaryAsync(environment.Out, path, document);
                return ExitCodes.Ok;
            }

            try
            {
                var document = await FlagsFileReader.ReadAsync(path, cancellationToken);
                var environments = document.Environments.ToDictionary(
                    pair => pair.Key,
                    pair => FlagNames.All.ToDictionary(flag => flag, flag => pair.Value[flag].ToString()));
                await CliJson.WriteAsync(environment.Out, new { valid = true, file = Path.GetFullPath(path), environments, errors = Array.Empty<object>() });
                return ExitCodes.Ok;
            }
            catch (FlagsFileException ex)
            {
                var errors = ex.Errors.Select(error => new { file = error.File, line = error.Line, column = error.Column, field = error.Field, message = error.Message });
                await CliJson.WriteAsync(environment.Out, new { valid = false, file = Path.GetFullPath(path), environments = new { }, errors });
                return ExitCodes.Usage;
            }
        }, cancellationToken));

        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter output, string path, FlagsDocument document)
    {
        await output.WriteLineAsync($"{Path.GetFullPath(path)} is valid: {document.Flags.Count} flags, environments {string.Join(", ", document.Environments.Keys)}.");
        foreach (var (environmentName, settings) in document.Environments)
        {
            await output.WriteLineAsync($"{environmentName}:");
            foreach (var flag in FlagNames.All)
            {
                await output.WriteLineAsync($"  {flag,-17} {settings[flag]}");
            }
        }
    }
}
