using System.CommandLine;
using System.Globalization;
using System.Text;
using IntelGraph.Cli.Output;
using IntelGraph.Flags.Audit;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Commands.Flags;

/// <summary>
/// <c>intelgraph flags set</c>: replace one flag's setting in one environment, naming the operator in
/// the file's metadata and in the audit log.
/// </summary>
internal static class FlagsSetCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = $"The flag: {string.Join(", ", FlagNames.All)}." };
        name.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !FlagNames.IsKnown(value))
            {
                result.AddError($"Unknown flag '{value}': expected one of {string.Join(", ", FlagNames.All)}.");
            }
        });

        var environmentOption = FlagsCommand.Environment("The environment whose setting changes: dev, stage or prod.");
        var by = new Option<string>("--by") { Description = "Who makes the change, such as a user name or e-mail address; recorded in the file and the audit log.", Required = true };
        var enabled = new Option<bool?>("--enabled") { Description = "true turns the flag on for everyone; false turns it off except for the targets given." };
        var tenants = new Option<string?>("--tenants") { Description = "Comma-separated tenants that get the flag, such as pilot,beta." };
        var groups = new Option<string?>("--groups") { Description = "Comma-separated group claims that get the flag, such as internal." };
        var percentage = new Option<double?>("--percentage") { Description = "The percentage of other users (0 to 100) that get the flag, chosen by user id so each user keeps the same value." };
        var reason = new Option<string?>("--reason") { Description = "Why the flag changes; recorded in the file and the audit log." };
        var file = FlagsCommand.File();
        var auditFile = new Option<string?>("--audit-file") { Description = $"The audit log to append to (default: {FlagAuditLog.DefaultFileName} beside the flags file)." };
        var json = CommonOptions.Json();

        var command = new Command(
            "set",
            "Replace one flag's setting in one environment: the options given form the whole new setting. The file is rewritten in its canonical form, so comments in it are lost. The change is appended to the audit log before the file is replaced.")
        {
            name, environmentOption, by, enabled, tenants, groups, percentage, reason, file, auditFile, json,
        };

        command.SetAction((parse, cancellationToken) => FlagsCommand.RunAsync(environment, async () =>
        {
            var request = new FlagChangeRequest(
                parse.GetValue(name)!,
                parse.GetValue(environmentOption)!,
                parse.GetValue(by)!.Trim(),
                parse.GetValue(reason)?.Trim(),
                parse.GetValue(enabled),
                SplitList(parse.GetValue(tenants)),
                SplitList(parse.GetValue(groups)),
                parse.GetValue(percentage));

            if (request.Problems() is { Count: > 0 } problems)
            {
                foreach (var problem in problems)
                {
                    await environment.Error.WriteLineAsync($"error: {problem}");
                }

                await environment.Error.WriteLineAsync("Run with --help for usage.");
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(file)!;
            var document = await FlagsFileReader.ReadAsync(path, request.Environment, cancellationToken);
            var before = document.SettingsFor(request.Environment)[request.Flag];
            var after = request.ToSetting();

            if (before.Equals(after))
            {
                await WriteResultAsync(environment, parse.GetValue(json), request, before, after, changed: false, revision: null);
                return ExitCodes.Ok;
            }

            var changedDocument = document.WithSetting(request.Environment, request.Flag, after, new FlagsMetadata(request.ChangedBy, request.Reason));
            var revision = await WriteAuditedAsync(path, parse.GetValue(auditFile), document, changedDocument, request.ChangedBy, environment.TimeProvider, cancellationToken);
            await WriteResultAsync(environment, parse.GetValue(json), request, before, after, changed: true, revision);
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    /// <summary>Writes the changed document in canonical form, appending the audit entries before the file is replaced.</summary>
    private static Task<string> WriteAuditedAsync(
        string path,
        string? auditPath,
        FlagsDocument before,
        FlagsDocument after,
        string changedBy,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(FlagsFileWriter.Write(after));
        return AuditedFlagsFile.ReplaceAsync(path, auditPath, bytes, before, changedBy, FlagAuditEntry.SourceCli, timeProvider.GetUtcNow(), cancellationToken);
    }

    private static async Task WriteResultAsync(
        CliEnvironment environment,
        bool json,
        FlagChangeRequest request,
        FlagSetting before,
        FlagSetting after,
        bool changed,
        string? revision)
    {
        if (json)
        {
            await CliJson.WriteAsync(environment.Out, new
            {
                flag = request.Flag,
                environment = request.Environment,
                changed,
                before = before.ToString(),
                after = after.ToString(),
                changedBy = request.ChangedBy,
                revision,
            });
            return;
        }

        await environment.Out.WriteLineAsync(changed
            ? $"{request.Flag} in {request.Environment}: {before} -> {after} (changed by {request.ChangedBy}, revision {revision})."
            : $"{request.Flag} in {request.Environment} is already {after}; nothing changed.");
    }

    private static List<string>? SplitList(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The options of one <c>flags set</c> run.</summary>
    private sealed record FlagChangeRequest(
        string Flag,
        string Environment,
        string ChangedBy,
        string? Reason,
        bool? Enabled,
        List<string>? Tenants,
        List<string>? Groups,
        double? Percentage)
    {
        public List<string> Problems()
        {
            var problems = new List<string>();
            if (ChangedBy.Length == 0 || ChangedBy.Any(char.IsControl))
            {
                problems.Add("--by must name who makes the change, on one line.");
            }

            if (Reason is not null && Reason.Any(char.IsControl))
            {
                problems.Add("--reason must be one line of text.");
            }

            if (Enabled is null && Tenants is null && Groups is null && Percentage is null)
            {
                problems.Add("give the new setting: --enabled, --tenants, --groups or --percentage.");
            }

            problems.AddRange((Tenants ?? []).Select(FlagSettingRules.TenantProblem).OfType<string>().Select(problem => "--tenants: " + problem));
            problems.AddRange((Groups ?? []).Select(FlagSettingRules.GroupProblem).OfType<string>().Select(problem => "--groups: " + problem));
            if (Percentage is { } value && FlagSettingRules.PercentageProblem(value) is { } percentageProblem)
            {
                problems.Add("--percentage: " + percentageProblem);
            }

            if (problems.Count == 0 && FlagSettingRules.CombinationProblem(ToSetting()) is { } combination)
            {
                problems.Add("--enabled true with --tenants, --groups or --percentage: " + combination);
            }

            return problems;
        }

        public FlagSetting ToSetting() =>
            new(Enabled ?? false, [.. (Tenants ?? []).Distinct(StringComparer.Ordinal)], [.. (Groups ?? []).Distinct(StringComparer.Ordinal)], Percentage ?? 0);
    }
}
