using System.CommandLine;
using IntelGraph.Cli.Commands.Flags;
using IntelGraph.Cli.Output;
using IntelGraph.Cli.Rollout;
using IntelGraph.Flags.Audit;
using IntelGraph.Flags.Rollout;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Commands;

/// <summary>
/// <c>intelgraph rollout</c>: applies a rollout plan's steps to the flags file one at a time, soaks
/// each while reading the server's metrics, and reverts a step whose metrics cross the plan's thresholds.
/// </summary>
internal static class RolloutCommand
{
    /// <summary>The environment variable read for the client secret when <c>--client-secret-file</c> is not given.</summary>
    public const string SecretVariable = "INTELGRAPH_API_SECRET";

    /// <summary>The development issuer's token endpoint, relative to the server. Keycloak serves a realm's endpoint at the same path.</summary>
    public const string DevelopmentTokenPath = "auth/realms/intelgraph/protocol/openid-connect/token";

    private const string InterruptedMessage =
        "Interrupted; the step being soaked stays applied, and running the same command again soaks it again from the start.";

    public static Command Create(CliEnvironment environment)
    {
        var planOption = new Option<string>("--plan") { Description = "The rollout plan, such as deploy/flags/rollout-plan.yaml.", Required = true };
        var flagsOption = new Option<string>("--flags")
        {
            Description = $"The flags file the steps change (default: {FlagsCommand.DefaultFile} under the current folder).",
            DefaultValueFactory = _ => FlagsCommand.DefaultFile,
        };
        var by = new Option<string>("--by") { Description = "Who runs the rollout; recorded in the flags file, the audit log and the state file.", Required = true };
        var target = new Option<string?>("--target") { Description = "The IntelGraph server's base URL, such as http://127.0.0.1:8080; its GET /metrics is read unless --prometheus is given." };
        var prometheus = new Option<string?>("--prometheus") { Description = "A Prometheus server's base URL, such as http://prometheus:9090; the metrics are read from its query API instead of the server." };
        var soak = Duration("--soak", $"Replaces every step's soak, as {RolloutDuration.Examples}; by default each step soaks the plan's soak or the next step's soakBefore, whichever is longer.");
        var pollInterval = Duration("--poll-interval", $"How often the metrics are read during a soak, as {RolloutDuration.Examples} (default: 1m).");
        var step = CommonOptions.WholeNumber("--step", "Run only this step (1 for the first); the steps before it must have completed.");
        var state = new Option<string?>("--state") { Description = $"The state file that records each step (default: {RolloutStateLog.DefaultFileName} beside the flags file)." };
        var auditFile = new Option<string?>("--audit-file") { Description = $"The flags audit log (default: {FlagAuditLog.DefaultFileName} beside the flags file)." };
        var clientId = new Option<string>("--client-id")
        {
            Description = "The client whose token reads GET /metrics; it needs the admin role (default: intelgraph-api).",
            DefaultValueFactory = _ => "intelgraph-api",
        };
        var secretFile = new Option<string?>("--client-secret-file") { Description = $"A file holding the client secret (default: the {SecretVariable} environment variable)." };
        var tokenEndpoint = new Option<string?>("--token-endpoint") { Description = $"The OAuth token endpoint (default: the target's {DevelopmentTokenPath})." };
        var json = CommonOptions.Json();

        var command = new Command(
            "rollout",
            "Apply a rollout plan's steps to the flags file one at a time, as flags set does. Each step soaks while the metrics are read; a reading above one of the plan's thresholds restores the flags file and stops. Exit 0 when the steps completed, 6 when a step was halted and reverted, 2 for an invalid plan, flags file or option.")
        {
            planOption, flagsOption, by, target, prometheus, soak, pollInterval, step, state, auditFile, clientId, secretFile, tokenEndpoint, json,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var request = new RolloutRequest(
                parse.GetValue(by)!.Trim(),
                parse.GetValue(target),
                parse.GetValue(prometheus),
                parse.GetValue(tokenEndpoint),
                parse.GetValue(secretFile));
            if (request.Problems() is { Count: > 0 } problems)
            {
                foreach (var problem in problems)
                {
                    await environment.Error.WriteLineAsync($"error: {problem}");
                }

                await environment.Error.WriteLineAsync("Run with --help for usage.");
                return ExitCodes.Usage;
            }

            try
            {
                var flagsPath = parse.GetValue(flagsOption)!;
                var flags = await FlagsFileReader.ReadAsync(flagsPath, cancellationToken);
                var plan = await RolloutPlanReader.ReadAsync(parse.GetValue(planOption)!, [.. flags.Environments.Keys], cancellationToken);

                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                var source = await CreateSourceAsync(request, plan, http, parse.GetValue(clientId)!, environment.TimeProvider, cancellationToken);

                var settings = new RolloutSettings(
                    parse.GetValue(planOption)!,
                    flagsPath,
                    parse.GetValue(auditFile),
                    parse.GetValue(state) ?? RolloutStateLog.DefaultPathFor(flagsPath),
                    request.ChangedBy,
                    ParseDuration(parse.GetValue(soak)),
                    ParseDuration(parse.GetValue(pollInterval)) ?? TimeSpan.FromMinutes(1),
                    (int?)parse.GetValue(step));

                var jsonOutput = parse.GetValue(json);
                var progress = new RolloutProgress(jsonOutput ? environment.Error : environment.Out);
                var runner = new RolloutRunner(plan, settings, source, new RolloutStateLog(settings.StatePath), environment.TimeProvider, progress);
                var outcome = await runner.RunAsync(cancellationToken);

                if (jsonOutput)
                {
                    await CliJson.WriteAsync(environment.Out, new
                    {
                        result = outcome.Result switch
                        {
                            RolloutResult.Completed => "completed",
                            RolloutResult.Halted => "halted",
                            _ => "nothing-to-do",
                        },
                        plan = Path.GetFullPath(settings.PlanPath),
                        flags = Path.GetFullPath(flagsPath),
                        state = Path.GetFullPath(settings.StatePath),
                        steps = outcome.Steps.Select(outcome => new
                        {
                            outcome.Step,
                            outcome.Name,
                            decision = outcome.Decision == StepDecision.Completed ? "completed" : "reverted",
                            outcome.Revision,
                            outcome.Soaked,
                            outcome.Reads,
                            outcome.Maximum,
                            outcome.Crossed,
                        }),
                    });
                }

                return outcome.Result == RolloutResult.Halted ? ExitCodes.RolloutHalted : ExitCodes.Ok;
            }
            catch (FlagsFileException ex)
            {
                foreach (var error in ex.Errors)
                {
                    await environment.Error.WriteLineAsync($"error: {error}");
                }

                return ExitCodes.Usage;
            }
            catch (RolloutRejectedException ex)
            {
                await environment.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
        }, InterruptedMessage, cancellationToken));

        return command;
    }

    private static async Task<IRolloutMetricsSource> CreateSourceAsync(
        RolloutRequest request,
        RolloutPlan plan,
        HttpClient http,
        string clientId,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (request.Prometheus is { } prometheus)
        {
            return new PrometheusQuerySource(http, WithTrailingSlash(prometheus), plan.Thresholds, timeProvider);
        }

        var target = WithTrailingSlash(request.Target!);
        var secret = request.SecretFile is { } file
            ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim()
            : Environment.GetEnvironmentVariable(SecretVariable)!.Trim();
        var endpoint = request.TokenEndpoint is { } configured ? new Uri(configured) : new Uri(target, DevelopmentTokenPath);
        var token = new ClientCredentialsToken(http, endpoint, clientId, secret, timeProvider);
        return new ServerScrapeSource(http, target, token, timeProvider);
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");

    private static Option<string?> Duration(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !RolloutDuration.TryParse(value, out _))
            {
                result.AddError($"Invalid duration '{value}' for {name}: write a positive whole number of seconds, minutes, hours or days, such as {RolloutDuration.Examples}.");
            }
        });
        return option;
    }

    private static TimeSpan? ParseDuration(string? text) => text is not null && RolloutDuration.TryParse(text, out var duration) ? duration : null;

    /// <summary>The options of one run that are checked together before anything is read.</summary>
    private sealed record RolloutRequest(string ChangedBy, string? Target, string? Prometheus, string? TokenEndpoint, string? SecretFile)
    {
        public List<string> Problems()
        {
            var problems = new List<string>();
            if (ChangedBy.Length == 0 || ChangedBy.Any(char.IsControl))
            {
                problems.Add("--by must name who runs the rollout, on one line.");
            }

            if (Target is null && Prometheus is null)
            {
                problems.Add("give --target (the server whose GET /metrics is read) or --prometheus (a Prometheus server to query).");
            }

            foreach (var (option, value) in new[] { ("--target", Target), ("--prometheus", Prometheus), ("--token-endpoint", TokenEndpoint) })
            {
                if (value is not null && !IsHttpUrl(value))
                {
                    problems.Add($"{option} '{value}' is not an absolute http or https URL.");
                }
            }

            if (Prometheus is null && Target is not null)
            {
                if (SecretFile is not null && !File.Exists(SecretFile))
                {
                    problems.Add($"--client-secret-file '{SecretFile}' does not exist.");
                }
                else if (SecretFile is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SecretVariable)))
                {
                    problems.Add($"reading {Target}/metrics needs an admin token: give --client-secret-file or set {SecretVariable}.");
                }
            }

            return problems;
        }

        private static bool IsHttpUrl(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
    }
}
