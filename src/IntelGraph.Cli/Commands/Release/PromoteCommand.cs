using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Core;
using IntelGraph.Release.Environments;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Records;
using IntelGraph.Release.Target;
using IntelGraph.Release.Tools;

namespace IntelGraph.Cli.Commands.Release;

/// <summary><c>intelgraph promote --to ENV --tag TAG</c>: run the environment's required gates and write a signed release record.</summary>
internal static class PromoteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var to = new Option<string>("--to") { Description = "The environment to promote to: dev, stage or prod, as the environments file defines it.", Required = true };
        var tag = new Option<string>("--tag") { Description = "The release tag, such as v1.0.0-uni: letters, digits, '.', '-' and '_'.", Required = true };
        tag.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !IsValidTag(value))
            {
                result.AddError($"Invalid tag '{value}' for --tag: use 1 to 128 letters, digits, '.', '-' and '_', starting with a letter or digit.");
            }
        });
        var by = new Option<string?>("--by") { Description = "Who promotes, for the record (default: the operating system user)." };
        var environments = EnvironmentsOption.Create();
        var json = CommonOptions.Json();
        var options = new ReleaseOptions();
        var command = new Command("promote", "Run the environment's required gates against its URL and, when all pass, write a signed release record; exit 7 when refused.")
        {
            to, tag, by, environments, json,
        };
        options.AddTo(command);

        command.SetAction((parse, cancellationToken) => EnvironmentsOption.RunAsync(environment, async () =>
        {
            var deployment = await EnvironmentsFileReader.ReadAsync(parse.GetValue(environments)!, cancellationToken);
            var name = parse.GetValue(to)!;
            if (!deployment.Environments.TryGetValue(name, out var target))
            {
                throw new InvalidInputException(
                    $"{deployment.File} defines no environment '{name}'; it defines {string.Join(", ", deployment.Environments.Keys)}.");
            }

            var releaseTag = parse.GetValue(tag)!;
            var repository = options.ResolveRepository(parse);
            var credentials = options.ReadCredentials(parse);
            using var http = TargetClient.CreateHttpClient(target.Url.ToString(), TimeSpan.FromSeconds(60));
            using var prometheus = options.CreatePrometheusClient(parse);
            var commit = await GitRepository.ReadCommitAsync(repository, cancellationToken);
            await environment.Error.WriteLineAsync($"Promoting {releaseTag} to {name} at {target.Url}: gates {string.Join(", ", target.Gates)}.");

            var result = await ReleasePromotion.RunAsync(
                deployment,
                target,
                releaseTag,
                parse.GetValue(by) ?? Environment.UserName,
                evidencePath => new GateContext(
                    new TargetClient(http, parse.GetValue(options.Realm)!),
                    credentials,
                    ServerAccessPolicy.Create(),
                    GateRunner.ArtifactsFolderFor(evidencePath),
                    repository,
                    environment.TimeProvider,
                    new GateProgressWriter(environment.Error, Path.GetFileNameWithoutExtension(evidencePath), environment.IsInteractive)),
                options.ReadSettings(parse, prometheus),
                commit,
                deployment.SigningKey,
                environment.TimeProvider,
                cancellationToken);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, new
                {
                    tag = releaseTag,
                    environment = name,
                    promoted = result.RecordPath is not null,
                    record = result.RecordPath,
                    refusal = result.Refusal,
                    gates = result.Gates,
                });
            }
            else
            {
                foreach (var gate in result.Gates)
                {
                    await environment.Out.WriteLineAsync($"{gate.Gate,-11} {gate.Status,-5} {gate.Evidence} {gate.Sha256}");
                }

                await environment.Out.WriteLineAsync(result.RecordPath is not null
                    ? $"Promoted {releaseTag} to {name}; signed record {result.RecordPath}."
                    : result.Refusal);
            }

            return result.RecordPath is not null ? ExitCodes.Ok : ExitCodes.GateFailed;
        }, cancellationToken));

        return command;
    }

    /// <summary>True for tags that are safe as file names: they become part of the record's path.</summary>
    internal static bool IsValidTag(string tag) =>
        tag.Length is > 0 and <= 128
        && char.IsAsciiLetterOrDigit(tag[0])
        && tag.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_');
}
