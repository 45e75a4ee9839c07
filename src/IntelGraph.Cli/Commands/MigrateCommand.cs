using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Governance;
using IntelGraph.Migration;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph migrate</c>: imports a legacy export's base (<c>--from</c>) or one delta (<c>--delta</c>) into a tenant.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var from = new Option<string?>("--from") { Description = "Root folder of a legacy pilot export; imports its base part." };
        var delta = new Option<string?>("--delta") { Description = "A delta folder (deltas/NNNN) of an export whose base is already migrated." };
        var tenant = CommonOptions.Tenant();
        var budgetMs = CommonOptions.WholeNumber("--budget-ms", "Query budget in milliseconds to set for the tenant (default 2500 on first migration).");
        var budgetRows = CommonOptions.WholeNumber("--budget-rows", "Query budget in rows to set for the tenant (default 100000 on first migration).");
        var acceptQuarantine = new Option<bool>("--accept-quarantine") { Description = "Exit 0 even when records were quarantined." };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var legacyDatabase = CommonOptions.LegacyDatabase();

        var command = new Command("migrate", "Import a legacy pilot export, or one of its deltas, into a tenant and seal its claims into manifests.")
        {
            from, delta, tenant, budgetMs, budgetRows, acceptQuarantine, json, database, legacyDatabase,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(from) is null) == (result.GetResult(delta) is null))
            {
                result.AddError("Give exactly one of --from DIR (the base export) or --delta DIR (one delta folder).");
            }

            if ((result.GetResult(budgetMs) is null) != (result.GetResult(budgetRows) is null))
            {
                result.AddError("Give --budget-ms and --budget-rows together.");
            }
        });

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            var budget = parse.GetValue(budgetMs) is { } ms && parse.GetValue(budgetRows) is { } rows ? new QueryBudget(ms, rows) : null;
            var asJson = parse.GetValue(json);

            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            await using var tenantLock = await stores.LockTenantMigrationAsync(tenantId, cancellationToken);
            if (await stores.WriteFreeze.FindAsync(cancellationToken) is { } freeze)
            {
                await environment.Error.WriteLineAsync($"Writes are frozen since {freeze.FrozenAt:O} (\"{freeze.Banner}\"); migrate is part of the cutover and runs anyway.");
            }

            var migrator = MigrationServices.CreateMigrator(stores, environment, MigrationServices.OpenLegacyCaseTables(parse.GetValue(legacyDatabase)));
            var report = await ImportProgressOutput.RunAsync(environment, asJson, progress =>
                parse.GetValue(from) is { } root
                    ? migrator.MigrateBaseAsync(tenantId, root, budget, progress, cancellationToken)
                    : migrator.ApplyDeltaAsync(tenantId, parse.GetValue(delta)!, progress, cancellationToken));

            await MigrationReportOutput.WriteAsync(environment, report, asJson);
            return MigrationReportOutput.ExitCode(report, parse.GetValue(acceptQuarantine));
        }, CommandRunner.ResumableMessage, cancellationToken));

        return command;
    }
}
