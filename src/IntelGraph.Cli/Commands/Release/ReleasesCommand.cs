using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Release.Environments;
using IntelGraph.Release.Records;

namespace IntelGraph.Cli.Commands.Release;

/// <summary><c>intelgraph releases</c>: list the release records and verify each signature and evidence hash.</summary>
internal static class ReleasesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var environments = EnvironmentsOption.Create();
        var json = CommonOptions.Json();
        var command = new Command("releases", "List the release records, verifying each signature with the release public key and each evidence file's SHA-256; exit 3 when one fails.")
        {
            environments, json,
        };

        command.SetAction((parse, cancellationToken) => EnvironmentsOption.RunAsync(environment, async () =>
        {
            var deployment = await EnvironmentsFileReader.ReadAsync(parse.GetValue(environments)!, cancellationToken);
            var store = new ReleaseRecordStore(deployment.Records);
            var keys = await ReleaseSigningKey.LoadPublicKeysAsync(deployment.SigningKey, cancellationToken);
            var records = await store.VerifyAllAsync(keys, cancellationToken);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, records.Select(result => new
                {
                    file = result.Path,
                    valid = result.IsValid,
                    problems = result.Problems,
                    record = result.Record,
                }));
            }
            else
            {
                foreach (var result in records)
                {
                    var record = result.Record;
                    var summary = record is null
                        ? Path.GetFileName(result.Path)
                        : $"{record.Tag,-16} {record.Environment,-6} {record.At:u}  by {record.By}  gates {string.Join(",", record.Gates.Select(gate => gate.Gate))}";
                    await environment.Out.WriteLineAsync($"{(result.IsValid ? "valid  " : "INVALID")} {summary}");
                    foreach (var problem in result.Problems)
                    {
                        await environment.Out.WriteLineAsync($"        {problem}");
                    }
                }

                await environment.Out.WriteLineAsync($"{records.Count} release record(s) in {Path.GetFullPath(store.Folder)}, {records.Count(result => !result.IsValid)} invalid.");
            }

            return records.All(result => result.IsValid) ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }, cancellationToken));

        return command;
    }
}
