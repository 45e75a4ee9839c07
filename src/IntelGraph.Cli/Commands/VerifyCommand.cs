using System.CommandLine;
using IntelGraph.Cli.Output;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph verify</c>: reconciles a tenant's store with its export and every applied delta.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var from = new Option<string>("--from") { Description = "Root folder of the legacy export the tenant was migrated from.", Required = true };
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var legacyDatabase = CommonOptions.LegacyDatabase();
        legacyDatabase.Description += " Counts the base part's case tables against it.";
        var command = new Command("verify", "Compare a tenant's store with its legacy export record by record and recompute every manifest root.")
        {
            from, tenant, json, database, legacyDatabase,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var report = await MigrationServices.CreateReconciler(stores, MigrationServices.OpenLegacyCaseTables(parse.GetValue(legacyDatabase))).ReconcileAsync(tenantId, parse.GetValue(from)!, cancellationToken);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, report);
            }
            else
            {
                await ReconciliationOutput.WriteAsync(environment.Out, report);
            }

            return report.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }, cancellationToken));

        return command;
    }
}
