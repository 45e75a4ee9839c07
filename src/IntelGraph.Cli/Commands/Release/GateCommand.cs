using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Target;
using IntelGraph.Release.Tools;

namespace IntelGraph.Cli.Commands.Release;

/// <summary><c>intelgraph gate smoke|perf|compliance|security</c>: run one release gate and write its JSON evidence.</summary>
internal static class GateCommand
{
    private static readonly Dictionary<string, string> _descriptions = new(StringComparer.Ordinal)
    {
        [SmokeGate.Name] = "Run the cutover sanity checklist against the target as a real client; items the target does not offer are listed as not available.",
        [PerfGate.Name] = "Send a bounded synthetic load of graph reads and compare p95 latency and cost per insight, from the target's metrics, with their thresholds.",
        [ComplianceGate.Name] = "Check every rule of the role × endpoint matrix against the target, write an SBOM of the release and review the dependencies' licences.",
        [SecurityGate.Name] = "Audit the dependencies for known vulnerabilities and scan the repository's tracked files for committed secrets.",
    };

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("gate", "Run a release gate and write its evidence file; exit 0 on pass, 7 on failure.");
        foreach (var gate in GateRunner.Names)
        {
            command.Subcommands.Add(CreateGate(environment, gate));
        }

        return command;
    }

    private static Command CreateGate(CliEnvironment environment, string gate)
    {
        var target = new Option<string?>("--target")
        {
            Description = "The base URL of the server under test, such as http://127.0.0.1:8080.",
            Required = gate != SecurityGate.Name,
        };
        var output = new Option<string>("--out") { Description = "The evidence file to write (JSON); files a check produces go to NAME.files/ beside it.", Required = true };
        var json = CommonOptions.Json();
        var options = new ReleaseOptions();
        var command = new Command(gate, _descriptions[gate]) { target, output, json };
        options.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var evidencePath = Path.GetFullPath(parse.GetValue(output)!);
            var repository = options.ResolveRepository(parse);
            using var http = parse.GetValue(target) is { } url ? TargetClient.CreateHttpClient(url, TimeSpan.FromSeconds(60)) : null;
            using var prometheus = options.CreatePrometheusClient(parse);
            var context = new GateContext(
                http is null ? null : new TargetClient(http, parse.GetValue(options.Realm)!),
                options.ReadCredentials(parse),
                ServerAccessPolicy.Create(),
                GateRunner.ArtifactsFolderFor(evidencePath),
                repository,
                environment.TimeProvider,
                new GateProgressWriter(environment.Error, gate, environment.IsInteractive));
            var commit = await GitRepository.ReadCommitAsync(repository, cancellationToken);

            await environment.Error.WriteLineAsync($"[{gate}] running against {context.Target?.BaseAddress.ToString() ?? repository}");
            var (evidence, sha256) = await GateRunner.RunAsync(gate, context, options.ReadSettings(parse, prometheus), commit, evidencePath, cancellationToken);

            await WriteSummaryAsync(environment, evidence, evidencePath, sha256, parse.GetValue(json));
            return evidence.Status == GateStatus.Pass ? ExitCodes.Ok : ExitCodes.GateFailed;
        }, cancellationToken));

        return command;
    }

    private static async Task WriteSummaryAsync(CliEnvironment environment, GateEvidence evidence, string path, string sha256, bool json)
    {
        var counts = evidence.Checks.GroupBy(check => check.Status).ToDictionary(group => group.Key, group => group.Count());
        if (json)
        {
            await CliJson.WriteAsync(environment.Out, new
            {
                gate = evidence.Gate,
                status = evidence.Status == GateStatus.Pass ? "pass" : "fail",
                evidence = path,
                sha256,
                passed = counts.GetValueOrDefault(CheckStatus.Pass),
                failed = counts.GetValueOrDefault(CheckStatus.Fail),
                notAvailable = counts.GetValueOrDefault(CheckStatus.NotAvailable),
                failures = evidence.Checks.Where(check => check.Status == CheckStatus.Fail || (check.Required && check.Status != CheckStatus.Pass))
                    .Select(check => new { id = check.Id, detail = check.Detail }),
            });
            return;
        }

        await environment.Out.WriteLineAsync(
            $"{evidence.Gate} gate {(evidence.Status == GateStatus.Pass ? "PASSED" : "FAILED")}: {counts.GetValueOrDefault(CheckStatus.Pass)} passed, "
            + $"{counts.GetValueOrDefault(CheckStatus.Fail)} failed, {counts.GetValueOrDefault(CheckStatus.NotAvailable)} not available.");
        await environment.Out.WriteLineAsync($"Evidence: {path} ({sha256})");
    }
}
