using System.CommandLine;
using IntelGraph.Cli.Cutover;
using IntelGraph.Cli.Output;
using IntelGraph.Core;
using IntelGraph.Edge;
using IntelGraph.Release.Target;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph cutover run --plan FILE</c>: the playbook's cutover window against two live deployments behind the edge.</summary>
internal static class CutoverCommand
{
    private const string InterruptedMessage =
        "Interrupted; the timeline records every finished step, and running the same command again resumes at the step that was running. Writes stay frozen until then.";

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("cutover", "Move a tenant's traffic from one live deployment to the other behind the edge, with a short write freeze and rollback.");
        command.Subcommands.Add(Run(environment));
        return command;
    }

    private static Command Run(CliEnvironment environment)
    {
        var planOption = new Option<string>("--plan") { Description = "The cutover plan, such as deploy/cutover/cutover-plan.json (see docs/cutover.md).", Required = true };
        var by = new Option<string>("--by") { Description = "Who runs the cutover; recorded with the edge's switch.", Required = true };
        var json = CommonOptions.Json();
        var command = new Command(
            "run",
            "Run the cutover plan: presync, freeze both sides, back them up, export and apply what changed on the old side, verify, switch the edge, smoke the new side, unfreeze it and watch it. A killed run resumes from its timeline. Exit 0 when traffic moved, 8 when it was rolled back, 3 when the sides did not match and the cutover was aborted before the switch.")
        {
            planOption, by, json,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var changedBy = parse.GetValue(by)!.Trim();
            if (changedBy.Length == 0)
            {
                await environment.Error.WriteLineAsync("error: --by must name who runs the cutover.");
                return ExitCodes.Usage;
            }

            // An invalid plan or clients file exits 2, as docs/cutover.md promises, before any side is touched.
            CutoverPlan plan;
            IReadOnlyList<ClientCredential> clients;
            ClientCredential operatorClient;
            try
            {
                plan = await CutoverPlan.ReadAsync(parse.GetValue(planOption)!, cancellationToken);
                clients = ClientsFileReader.Read(plan.ClientsFile);
                operatorClient = clients.FirstOrDefault(client => client.ClientId == plan.Operator)
                    ?? throw new InvalidInputException($"{plan.Path}: operator: the client '{plan.Operator}' is not in the clients file {plan.ClientsFile}.");

                // The smoke gate signs in every client after the switch, so a missing secret found only then would roll the cutover back.
                var unset = clients.Where(client => string.IsNullOrEmpty(client.ReadSecret())).Select(client => $"{client.ClientId} ({client.SecretSource})").ToList();
                if (unset.Count > 0)
                {
                    throw new InvalidInputException($"{plan.ClientsFile}: the secret of {string.Join(", ", unset)} is missing or empty; set it before the cutover, because the cutover and its smoke gate sign in every client of this file.");
                }
            }
            catch (InvalidInputException ex)
            {
                await environment.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            using var runLock = RunFolderLock.Acquire(plan.RunFolder);
            using var fromHttp = TargetClient.CreateHttpClient(plan.From.Url.ToString(), TimeSpan.FromSeconds(60));
            using var toHttp = TargetClient.CreateHttpClient(plan.To.Url.ToString(), TimeSpan.FromSeconds(60));
            using var edgeHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var jsonOutput = parse.GetValue(json);
            var runner = new CutoverRunner(
                plan,
                changedBy,
                new SideApi(plan.From, new TargetClient(fromHttp, plan.Realm), operatorClient),
                new SideApi(plan.To, new TargetClient(toHttp, plan.Realm), operatorClient),
                new EdgeAdminClient(edgeHttp, plan.Edge),
                clients,
                new CutoverTimeline(Path.Combine(plan.RunFolder, CutoverTimeline.FileName)),
                environment.TimeProvider,
                jsonOutput ? environment.Error : environment.Out,
                environment.IsInteractive);

            var report = await runner.RunAsync(cancellationToken);
            if (jsonOutput)
            {
                await CliJson.WriteAsync(environment.Out, new
                {
                    outcome = report.Outcome is { } outcome ? CutoverRunner.Name(outcome) : null,
                    report.Detail,
                    report.WriteFreezeSeconds,
                    report.Resumed,
                    report.Plan,
                    report.Timeline,
                    report.Steps,
                });
            }
            else
            {
                await environment.Out.WriteLineAsync(report.WriteFreezeSeconds is { } seconds
                    ? $"Writes were frozen for {seconds:0.000} s. Timeline: {report.Timeline}"
                    : $"Timeline: {report.Timeline}");
            }

            return report.Outcome switch
            {
                CutoverOutcome.Completed => ExitCodes.Ok,
                CutoverOutcome.RolledBack => ExitCodes.CutoverRolledBack,
                CutoverOutcome.Aborted => ExitCodes.VerificationFailed,
                _ => ExitCodes.Failure,
            };
        }, InterruptedMessage, cancellationToken));

        return command;
    }
}
