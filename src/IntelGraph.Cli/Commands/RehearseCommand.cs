using System.CommandLine;
using System.Globalization;
using IntelGraph.Cli.Output;
using IntelGraph.Migration.Rehearsal;
using IntelGraph.Storage.Sqlite;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph rehearse</c>: the playbook's cutover data path on a scratch store, timed step by step.</summary>
internal static class RehearseCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var from = new Option<string?>("--from") { Description = "Root folder of the legacy pilot export to rehearse with." };
        var sample = new Option<bool>("--sample") { Description = "Generate a sample pilot export (base, one delta, every fault kind) and rehearse with it; its planted faults are expected, so quarantine alone does not fail the run." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant name on the scratch store (default: the export's own tenant name, else 'pilot')." };
        var work = new Option<string?>("--work") { Description = "Folder for the scratch store and backups (default: a new folder under .intelgraph/rehearsals)." };
        var acceptQuarantine = new Option<bool>("--accept-quarantine") { Description = "Exit 0 even when records were quarantined." };
        var json = CommonOptions.Json();
        var command = new Command("rehearse", "Rehearse a cutover on a scratch store: backup, migrate, seal, verify, freeze, final backup, deltas, verify, unfreeze.")
        {
            from, sample, tenant, work, acceptQuarantine, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(from) is null) == !result.GetValue(sample))
            {
                result.AddError("Give --from DIR (an export) or --sample (a generated one).");
            }
        });

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var workFolder = Path.GetFullPath(parse.GetValue(work) ?? Path.Combine(
                ".intelgraph", "rehearsals", environment.TimeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
            if (Directory.Exists(workFolder) && Directory.EnumerateFileSystemEntries(workFolder).Any())
            {
                await environment.Error.WriteLineAsync($"error: the work folder '{workFolder}' is not empty; a rehearsal starts from a clean scratch store. Pass another --work folder.");
                return ExitCodes.Usage;
            }

            Directory.CreateDirectory(workFolder);
            var asJson = parse.GetValue(json);
            var exportRoot = parse.GetValue(from) is { } root
                ? Path.GetFullPath(root)
                : await SampleExports.WriteAsync(Path.Combine(workFolder, "sample-export"), environment, asJson, cancellationToken);
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant) ?? await SampleExports.TenantOfAsync(exportRoot, cancellationToken));

            await using var stores = await SqliteStores.OpenAsync(Path.Combine(workFolder, "rehearsal.db"), environment.TimeProvider, cancellationToken);
            var rehearsal = new CutoverRehearsal(
                MigrationServices.CreateMigrator(stores, environment),
                MigrationServices.CreateReconciler(stores),
                stores.AsBackup(environment.TimeProvider),
                stores.WriteFreeze,
                environment.TimeProvider);

            var report = await ImportProgressOutput.RunAsync(environment, asJson, progress =>
                rehearsal.RunAsync(tenantId, exportRoot, workFolder, progress, steps: null, cancellationToken));

            await RehearsalOutput.WriteAsync(environment, report, asJson);
            if (!report.Reconciliation.Ok)
            {
                return ExitCodes.VerificationFailed;
            }

            var quarantineAccepted = parse.GetValue(acceptQuarantine) || parse.GetValue(sample);
            return report.Reconciliation.Quarantine.Count > 0 && !quarantineAccepted ? ExitCodes.Quarantined : ExitCodes.Ok;
        }, "Interrupted; the rehearsal's scratch store is incomplete. Start a new rehearsal with an empty --work folder.", cancellationToken));

        return command;
    }
}
