using System.CommandLine;
using IntelGraph.Cli.Rollout;
using IntelGraph.Release.Environments;
using IntelGraph.Release.Records;
using IntelGraph.Release.Signoff;

namespace IntelGraph.Cli.Commands.Release;

/// <summary><c>intelgraph signoff --tag TAG --out FILE.md</c>: write the release sign-off checklist, ticking only what recorded evidence proves.</summary>
internal static class SignoffCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var tag = new Option<string>("--tag") { Description = "The release tag whose records are the evidence.", Required = true };
        var output = new Option<string>("--out") { Description = "The Markdown file to write.", Required = true };
        var rolloutState = new Option<string?>("--rollout-state")
        {
            Description = "The state file of intelgraph rollout, whose clean soaks prove the soak item; without it that item stays open.",
        };
        var environments = EnvironmentsOption.Create();
        var command = new Command("signoff", "Write the sign-off checklist as Markdown; a box is ticked only when a verified release record or the rollout state proves it, and names that evidence.")
        {
            tag, output, rolloutState, environments,
        };

        command.SetAction((parse, cancellationToken) => EnvironmentsOption.RunAsync(environment, async () =>
        {
            var deployment = await EnvironmentsFileReader.ReadAsync(parse.GetValue(environments)!, cancellationToken);
            var keys = await ReleaseSigningKey.LoadPublicKeysAsync(deployment.SigningKey, cancellationToken);
            var records = await new ReleaseRecordStore(deployment.Records).VerifyAllAsync(keys, cancellationToken);
            var releaseTag = parse.GetValue(tag)!;
            var soak = parse.GetValue(rolloutState) is { } statePath ? await RolloutSoaks.ReadAsync(statePath, cancellationToken) : null;
            var items = SignoffChecklist.Build(releaseTag, records, soak);

            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, SignoffChecklist.ToMarkdown(releaseTag, items, environment.TimeProvider.GetUtcNow()), cancellationToken);
            await environment.Out.WriteLineAsync($"{items.Count(item => item.Ticked)} of {items.Count} items ticked; checklist written to {path}.");
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }
}
