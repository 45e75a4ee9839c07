using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph manifest list|export|verify|rebuild</c>.</summary>
internal static class ManifestCommand
{
    public static Command Create(CliEnvironment environment) =>
        new("manifest", "List, export, verify and rebuild sealed manifests.")
        {
            List(environment), Export(environment), Verify(environment), Rebuild(environment),
        };

    private static Command Rebuild(CliEnvironment environment)
    {
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command(
            "rebuild",
            "Rebuild every manifest of a tenant from the ledger's claims alone and compare each root with the sealed one; nothing is written.")
        {
            tenant, json, database,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);

            var results = new List<ManifestRebuild>();
            await foreach (var rebuild in ManifestRebuilder.RebuildAllAsync(stores.Ledger, stores.Manifests, tenantId, cancellationToken))
            {
                results.Add(rebuild);
                if (!parse.GetValue(json))
                {
                    var verdict = rebuild.Matches ? "same root" : "DIFFERS: " + string.Join("; ", rebuild.Problems.DefaultIfEmpty($"rebuilt root {rebuild.RebuiltRoot}"));
                    await environment.Out.WriteLineAsync($"{rebuild.ManifestId}  {rebuild.TreeSize,5} claims  root {rebuild.StoredRoot}  {verdict}");
                }
            }

            var differing = results.Count(rebuild => !rebuild.Matches);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, new { tenant = tenantId.Value, manifests = results.Count, differing, results });
            }
            else
            {
                await environment.Out.WriteLineAsync($"{results.Count - differing} of {results.Count} manifest(s) of tenant {tenantId} rebuilt from their claims with the sealed root.");
            }

            return differing == 0 ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }, cancellationToken));

        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("list", "List a tenant's manifests in the order they were sealed.") { tenant, json, database };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var manifests = await stores.Manifests.ListAsync(tenantId, cancellationToken);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, manifests.Select(m => new
                {
                    id = m.Id,
                    treeSize = m.TreeSize,
                    rootHash = m.RootHash,
                    createdAt = m.CreatedAt,
                    kid = m.KeyId,
                }));
                return ExitCodes.Ok;
            }

            foreach (var manifest in manifests)
            {
                await environment.Out.WriteLineAsync($"{manifest.Id}  {manifest.TreeSize,5} claims  root {manifest.RootHash}  {manifest.CreatedAt}");
            }

            await environment.Out.WriteLineAsync($"{manifests.Count} manifest(s) in tenant {tenantId}.");
            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static Command Export(CliEnvironment environment)
    {
        var id = new Argument<string?>("id") { Description = "The manifest id to export.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Export every manifest of the tenant." };
        var output = new Option<string>("--out") { Description = "Folder to write <manifest id>.json files into.", Required = true };
        var tenant = CommonOptions.Tenant();
        var database = CommonOptions.Database();
        var command = new Command("export", "Write manifests as export documents with one inclusion proof per claim.") { id, all, output, tenant, database };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(id) is null) == !result.GetValue(all))
            {
                result.AddError("Give a manifest id or --all, not both.");
            }
        });

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var ids = parse.GetValue(all)
                ? (await stores.Manifests.ListAsync(tenantId, cancellationToken)).Select(m => m.Id).ToList()
                : [parse.GetValue(id)!];

            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            foreach (var manifestId in ids)
            {
                var manifest = await stores.Manifests.FindAsync(tenantId, manifestId, cancellationToken)
                    ?? throw new NotFoundException($"Tenant '{tenantId}' has no manifest '{manifestId}'; 'intelgraph manifest list --tenant {tenantId}' lists them.");
                var path = Path.Combine(folder, manifestId + ".json");
                await File.WriteAllBytesAsync(path, ManifestExportDocument.FromManifest(manifest).ToJsonBytes(), cancellationToken);
                await environment.Out.WriteLineAsync(path);
            }

            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

    private static Command Verify(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A manifest export document." };
        var jwks = new Option<string>("--jwks") { Description = "The JWK Set holding the tenant's public key ('intelgraph keys export').", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Verify a manifest export offline: signature, inclusion proofs and root, using nothing but the two files.")
        {
            file, jwks, json,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var document = await File.ReadAllBytesAsync(parse.GetValue(file)!, cancellationToken);
            var keys = await File.ReadAllBytesAsync(parse.GetValue(jwks)!, cancellationToken);
            var result = ManifestVerifier.Verify(document, keys);

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(environment.Out, new
                {
                    valid = result.IsValid,
                    manifestId = result.ManifestId,
                    failures = result.Failures.Select(f => new { check = f.Check.ToString(), message = f.Message }),
                });
            }
            else
            {
                foreach (var failure in result.Failures)
                {
                    await environment.Out.WriteLineAsync($"FAILED {failure.Check}: {failure.Message}");
                }

                await environment.Out.WriteLineAsync(result.IsValid
                    ? $"OK: manifest {result.ManifestId} is signed by the given key and every inclusion proof leads to its root."
                    : $"INVALID: {result.Failures.Count} check(s) failed.");
            }

            return result.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }, cancellationToken));

        return command;
    }
}
