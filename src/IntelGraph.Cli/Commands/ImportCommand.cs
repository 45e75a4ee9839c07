using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Stix;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph import stix</c>: loads a STIX 2.0 or 2.1 bundle into a tenant.</summary>
internal static class ImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A STIX 2.0 or 2.1 bundle (JSON)." };
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var stix = new Command("stix", "Import a STIX bundle: domain objects become entities; relationships become edges and claims with their sources.")
        {
            file, tenant, json, database,
        };

        stix.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var importer = new StixBundleImporter(stores.Graph, stores.Ledger, stores, environment.LoggerFactory.CreateLogger<StixBundleImporter>());
            var report = await importer.ImportAsync(tenantId, parse.GetValue(file)!, cancellationToken);

            // A bundle has no claim_ids.txt to order its claims, so they are sealed in the order they were stored.
            var sealing = new PendingClaimSealer(stores.Ledger, stores.Manifests, MigrationServices.CreateSealer(stores, environment));
            var manifests = await sealing.SealAsync(tenantId, stores, cancellationToken);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, new { import = report, manifestsSealed = manifests.Count, claimsSealed = manifests.Sum(m => m.TreeSize) });
            }
            else
            {
                await environment.Out.WriteLineAsync(
                    $"{report.ObjectCount} objects: {report.EntitiesImported} entities and {report.RelationshipsImported} relationships imported, "
                    + $"{report.Duplicates} already present, {report.Skipped.Count} skipped, {report.Rejected.Count} rejected; "
                    + $"{manifests.Count} manifest(s) sealed over {manifests.Sum(m => m.TreeSize)} claims.");
                foreach (var rejected in report.Rejected)
                {
                    await environment.Out.WriteLineAsync($"rejected {rejected.Location} {rejected.Type ?? "-"} {rejected.Id ?? "-"} {rejected.Reason}: {rejected.Detail}");
                }
            }

            return report.Rejected.Count == 0 ? ExitCodes.Ok : ExitCodes.Quarantined;
        }, CommandRunner.ResumableMessage, cancellationToken));

        return new Command("import", "Import intelligence from a standard exchange format.") { stix };
    }
}
