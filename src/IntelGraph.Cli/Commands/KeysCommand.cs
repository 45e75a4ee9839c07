using System.CommandLine;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph keys export</c>: the tenant's public manifest key as a JWK Set.</summary>
internal static class KeysCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var tenant = CommonOptions.Tenant();
        var output = new Option<string?>("--out") { Description = "File to write the JWK Set to (default: standard output)." };
        var database = CommonOptions.Database();
        var export = new Command("export", "Write the tenant's manifest signing key (public part only) as a JWK Set.") { tenant, output, database };

        export.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var keySet = await MigrationServices.CreateSigningKeys(stores, environment).ExportPublicKeysAsync(tenantId, cancellationToken);
            var bytes = keySet.ToJsonBytes();

            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, bytes, cancellationToken);
                await environment.Out.WriteLineAsync(Path.GetFullPath(path));
            }
            else
            {
                await environment.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(bytes));
            }

            return ExitCodes.Ok;
        }, cancellationToken));

        return new Command("keys", "Manage the tenants' manifest signing keys.") { export };
    }
}
