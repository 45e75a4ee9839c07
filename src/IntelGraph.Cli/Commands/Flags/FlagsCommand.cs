using System.CommandLine;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Commands.Flags;

/// <summary>
/// <c>intelgraph flags</c>: render, check and change the feature flags file. A flags file or rollout
/// plan that fails validation exits with <see cref="ExitCodes.Usage"/> and names file, line and field.
/// </summary>
internal static class FlagsCommand
{
    /// <summary>The flags file used when <c>--file</c> is not given, relative to the current folder.</summary>
    public static readonly string DefaultFile = Path.Combine("deploy", "flags", "unified.yaml");

    public static Command Create(CliEnvironment environment) =>
        new("flags", "Render, check and change the feature flags file (deploy/flags/unified.yaml).")
        {
            FlagsRenderCommand.Create(environment),
            FlagsCheckCommand.Create(environment),
            FlagsSetCommand.Create(environment),
        };

    public static Option<string> File() => new("--file")
    {
        Description = $"The flags file (default: {DefaultFile} under the current folder).",
        DefaultValueFactory = _ => DefaultFile,
    };

    /// <summary>The required <c>--env</c> option; a name other than dev, stage or prod is a usage error.</summary>
    public static Option<string> Environment(string description)
    {
        var option = new Option<string>("--env") { Description = description, Required = true };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !FlagEnvironments.IsKnown(value))
            {
                result.AddError($"Invalid environment '{value}' for --env: expected one of {string.Join(", ", FlagEnvironments.All)}.");
            }
        });
        return option;
    }

    /// <summary>Runs a flags command body, turning an invalid flags file or plan into its errors on standard error and exit code 2.</summary>
    public static Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> body, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(environment, async () =>
        {
            try
            {
                return await body();
            }
            catch (FlagsFileException ex)
            {
                foreach (var error in ex.Errors)
                {
                    await environment.Error.WriteLineAsync($"error: {error}");
                }

                return ExitCodes.Usage;
            }
        }, cancellationToken);
}
