using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Rollout;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Commands.Flags;

/// <summary><c>intelgraph flags check</c>: validate the flags file and optionally a rollout plan, as CI or a reviewer would before a render.</summary>
internal static class FlagsCheckCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = FlagsCommand.File();
        var plan = new Option<string?>("--plan") { Description = "A rollout plan to validate too, such as deploy/flags/rollout-plan.yaml; its environment must be in the flags file." };
        var json = CommonOptions.Json();
        var command = new Command("check", "Validate the flags file (and --plan) and list each environment's settings; exit 2 with file, line and field for every problem.")
        {
            file, plan, json,
        };

        command.SetAction((parse, cancellationToken) => FlagsCommand.RunAsync(environment, async () =>
        {
            var path = parse.GetValue(file)!;
            var planPath = parse.GetValue(plan);
            var errors = new List<FlagsFileError>();

            FlagsDocument? document = null;
            try
            {
                document = await FlagsFileReader.ReadAsync(path, cancellationToken);
            }
            catch (FlagsFileException ex)
            {
                errors.AddRange(ex.Errors);
            }

            RolloutPlan? rollout = null;
            if (planPath is not null)
            {
                try
                {
                    rollout = await RolloutPlanReader.ReadAsync(planPath, document?.Environments.Keys.ToList(), cancellationToken);
                }
                catch (FlagsFileException ex)
                {
                    errors.AddRange(ex.Errors);
                }
            }

            if (parse.GetValue(json))
            {
                await WriteJsonAsync(environment.Out, path, document, rollout, errors);
                return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Usage;
            }

            if (errors.Count > 0)
            {
                throw new FlagsFileException(errors);
            }

            await WriteSummaryAsync(environment.Out, path, document!, planPath, rollout);
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static async Task WriteJsonAsync(TextWriter output, string path, FlagsDocument? document, RolloutPlan? rollout, List<FlagsFileError> errors)
    {
        var environments = document?.Environments.ToDictionary(
            pair => pair.Key,
            pair => FlagNames.All.ToDictionary(flag => flag, flag => pair.Value[flag].ToString()));
        var steps = rollout?.Steps.Select(step => new
        {
            name = step.Name,
            soakBeforeHours = step.SoakBefore?.TotalHours,
            set = step.Set.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
        });
        await CliJson.WriteAsync(output, new
        {
            valid = errors.Count == 0,
            file = Path.GetFullPath(path),
            environments,
            plan = rollout is null ? null : new { environment = rollout.Environment, steps },
            errors = errors.Select(error => new { file = error.File, line = error.Line, column = error.Column, field = error.Field, message = error.Message }),
        });
    }

    private static async Task WriteSummaryAsync(TextWriter output, string path, FlagsDocument document, string? planPath, RolloutPlan? rollout)
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

        if (rollout is null)
        {
            return;
        }

        await output.WriteLineAsync($"{Path.GetFullPath(planPath!)} is valid: {rollout.Steps.Count} steps for {rollout.Environment}.");
        for (var index = 0; index < rollout.Steps.Count; index++)
        {
            var step = rollout.Steps[index];
            var soak = step.SoakBefore is { } wait ? $" after {wait.TotalHours:0.##} h" : string.Empty;
            var changes = string.Join(", ", step.Set.Select(pair => $"{pair.Key} {pair.Value}"));
            await output.WriteLineAsync($"  {index + 1}. {step.Name}{soak}: {changes}");
        }
    }
}
