using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Governance;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph freeze</c> and <c>intelgraph unfreeze</c>: the cutover's write freeze.</summary>
internal static class FreezeCommands
{
    public static Command Freeze(CliEnvironment environment)
    {
        var banner = new Option<string>("--banner") { Description = "Text shown to users while writes are frozen.", Required = true };
        var exemptClients = new Option<string[]>("--exempt-client")
        {
            Description = $"An OAuth client id (the token's azp claim) whose API writes still proceed during the freeze, such as the cutover tool's. Repeat for more, at most {FreezeExemptions.MaxClients}; each is 1 to {FreezeExemptions.MaxClientIdLength} characters of A-Z, a-z, 0-9 and . _ : @ -.",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("freeze", "Freeze user-facing writes for the whole deployment until 'intelgraph unfreeze': the API server answers them with 503 and the banner. The cutover's own commands (migrate, import, backup, restore) still run, because the cutover applies its deltas during the freeze. Freezing again while frozen replaces the banner and the exempt clients but keeps the start time.") { banner, exemptClients, json, database };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var text = parse.GetValue(banner)!.Trim();
            if (text.Length == 0)
            {
                await environment.Error.WriteLineAsync("error: --banner must not be empty; tell users why writes are paused.");
                return ExitCodes.Usage;
            }

            var clients = parse.GetValue(exemptClients) ?? [];
            var problems = FreezeExemptions.Validate(clients);
            foreach (var problem in problems)
            {
                // Values are named by position rather than echoed, because an invalid one may contain control characters.
                var subject = problem.Index is { } index ? $"--exempt-client value {index + 1}" : "--exempt-client";
                await environment.Error.WriteLineAsync($"error: {subject} {problem.Message}");
            }

            if (problems.Count > 0)
            {
                return ExitCodes.Usage;
            }

            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var freeze = await stores.WriteFreeze.FreezeAsync(text, clients.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
            await (parse.GetValue(json)
                ? CliJson.WriteAsync(environment.Out, new { frozen = true, banner = freeze.Banner, frozenAt = freeze.FrozenAt, exemptClients = freeze.ExemptClients })
                : environment.Out.WriteLineAsync(DescribeFreeze(freeze)));
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    public static Command Unfreeze(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("unfreeze", "Allow writes again after a freeze.") { json, database };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var ended = await stores.WriteFreeze.UnfreezeAsync(cancellationToken);
            var duration = ended is null ? (TimeSpan?)null : environment.TimeProvider.GetUtcNow() - ended.FrozenAt;
            await (parse.GetValue(json)
                ? CliJson.WriteAsync(environment.Out, new { frozen = false, wasFrozen = ended is not null, frozenSeconds = duration?.TotalSeconds })
                : environment.Out.WriteLineAsync(ended is null ? "Writes were not frozen." : $"Writes allowed again after {duration!.Value.TotalSeconds:F1} s frozen."));
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static string DescribeFreeze(WriteFreeze freeze) => freeze.ExemptClients.Count == 0
        ? $"Writes frozen since {freeze.FrozenAt:O}: {freeze.Banner}"
        : $"Writes frozen since {freeze.FrozenAt:O} except for clients {string.Join(", ", freeze.ExemptClients)}: {freeze.Banner}";
}
