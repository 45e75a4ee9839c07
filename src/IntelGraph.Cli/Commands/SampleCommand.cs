using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph sample</c>: writes a generated legacy pilot export, for trials and benchmarks.</summary>
internal static class SampleCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var output = new Option<string>("--out") { Description = "Empty folder to write the export into.", Required = true };
        var claims = new Option<int>("--claims") { Description = "Claims in the base export; entities, cases, tasks and reports scale with it.", DefaultValueFactory = _ => SampleExports.Default.Claims };
        var deltas = new Option<int>("--deltas") { Description = "Delta folders after the base.", DefaultValueFactory = _ => SampleExports.Default.Deltas };
        var claimsPerDelta = new Option<int>("--claims-per-delta") { Description = "Claims in each delta.", DefaultValueFactory = _ => SampleExports.Default.ClaimsPerDelta };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed writes the same files.", DefaultValueFactory = _ => SampleExports.Default.Seed };
        var clean = new Option<bool>("--clean") { Description = "Write no faults: every record is valid and unique." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant name written into export.json.", DefaultValueFactory = _ => SampleExports.Default.Tenant };
        AddRange(claims, 1, 100_000_000);
        AddRange(deltas, 0, 999);
        AddRange(claimsPerDelta, 1, 100_000_000);
        var json = CommonOptions.Json();
        var command = new Command("sample", "Generate a legacy pilot export with realistic records and valid hashes, by default with every fault kind a real export has.")
        {
            output, claims, deltas, claimsPerDelta, seed, clean, tenant, json,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                await environment.Error.WriteLineAsync($"error: '{folder}' is not empty; choose an empty or new folder.");
                return ExitCodes.Usage;
            }

            var options = SampleExports.Default with
            {
                Claims = parse.GetValue(claims),
                Deltas = parse.GetValue(deltas),
                ClaimsPerDelta = parse.GetValue(claimsPerDelta),
                Seed = parse.GetValue(seed),
                Tenant = parse.GetValue(tenant)!,
                Faults = parse.GetValue(clean) ? PilotExportFaults.None : PilotExportFaults.All,
            };

            var started = environment.TimeProvider.GetTimestamp();
            var manifest = await Task.Run(() => new PilotExportGenerator(options).Generate(folder, progress: null, cancellationToken), cancellationToken);
            var elapsed = environment.TimeProvider.GetElapsedTime(started);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, new { folder, claims = options.Claims, deltas = options.Deltas, seconds = elapsed.TotalSeconds, expected = manifest });
            }
            else
            {
                await environment.Out.WriteLineAsync($"Wrote a pilot export with {options.Claims} base claims and {options.Deltas} delta(s) to {folder} in {elapsed.TotalSeconds:F1} s.");
            }

            return ExitCodes.Ok;
        }, "Interrupted; the output folder holds an incomplete export. Delete it and generate the export again.", cancellationToken));

        return command;
    }

    private static void AddRange(Option<int> option, int minimum, int maximum) =>
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (text is not null && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum))
            {
                result.AddError($"Invalid value '{text}' for {option.Name}: expected a whole number from {minimum} to {maximum}.");
            }
        });
}
