using System.CommandLine;
using IntelGraph.Cli.Output;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph quarantine list</c>: the records a migration set aside, with reason, file and line.</summary>
internal static class QuarantineCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var tenant = CommonOptions.Tenant();
        var all = new Option<bool>("--all") { Description = "Include records that a later delta resolved." };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var list = new Command("list", "List a tenant's quarantined records.") { tenant, all, json, database };

        list.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var records = await stores.Migration.ListQuarantinedAsync(tenantId, parse.GetValue(all), cancellationToken);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, records.Select(r => new
                {
                    table = r.Table,
                    id = r.RecordId,
                    reason = r.Reason,
                    detail = r.Detail,
                    file = r.Location.File,
                    line = r.Location.Line,
                    rawText = r.RawText,

                    // Only when the text above lost bytes (NUL-free but not valid UTF-8): the exact bytes, base64-encoded.
                    rawBase64 = r.RawBytes is { } bytes && !bytes.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(r.RawText)) ? Convert.ToBase64String(bytes) : null,
                    quarantinedAt = r.QuarantinedAt,
                    resolvedAt = r.ResolvedAt,
                }));
                return ExitCodes.Ok;
            }

            foreach (var record in records)
            {
                var resolved = record.ResolvedAt is { } at ? $" (resolved {at:O})" : string.Empty;
                await environment.Out.WriteLineAsync($"{record.Location} {record.Table} {record.RecordId ?? "-"} {record.Reason}{resolved}: {record.Detail}");
            }

            await environment.Out.WriteLineAsync($"{records.Count} quarantined record(s) in tenant {tenantId}.");
            return ExitCodes.Ok;
        }, cancellationToken));

        return new Command("quarantine", "Inspect records that a migration set aside.") { list };
    }
}
