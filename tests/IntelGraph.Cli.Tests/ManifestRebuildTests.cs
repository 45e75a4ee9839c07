using System.Text.Json;
using IntelGraph.Migration.Sample;
using IntelGraph.Storage;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph manifest rebuild</c>: manifests re-created from the claims alone, and damage found.</summary>
public sealed class ManifestRebuildTests
{
    private static readonly PilotExportOptions Clean = new() { Tenant = "sample", Seed = 11, Claims = 2300, Deltas = 0, Faults = PilotExportFaults.None };

    [Fact]
    public async Task Rebuilt_roots_match_until_a_claim_changes()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        var migrated = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);
        Assert.True(migrated.ExitCode == ExitCodes.Ok, migrated.ToString());

        var intact = await CliRun.InvokeAsync("manifest", "rebuild", "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.True(intact.ExitCode == ExitCodes.Ok, intact.ToString());
        using (var json = JsonDocument.Parse(intact.Output))
        {
            Assert.Equal(3, json.RootElement.GetProperty("manifests").GetInt32());
            Assert.Equal(0, json.RootElement.GetProperty("differing").GetInt32());
            Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), result =>
                Assert.Equal(result.GetProperty("storedRoot").GetString(), result.GetProperty("rebuiltRoot").GetString()));
        }

        // Rewrite one claim's body behind the ledger's back, past its append-only trigger: its manifest must no longer rebuild.
        var location = workspace.StoreLocation("store.db");
        var postgres = location.Kind == StoreKind.Postgres;
        await TestStores.ExecuteAsync(location, postgres ? "DROP TRIGGER claims_append_only ON claims;" : "DROP TRIGGER claims_no_update;");
        var body = postgres ? """convert_to('{"id":"tampered"}', 'UTF8')""" : """CAST('{"id":"tampered"}' AS BLOB)""";
        var changed = await TestStores.ExecuteAsync(
            location, $"UPDATE claims SET body = {body} WHERE tenant = 'pilot' AND id = (SELECT min(id) FROM claims WHERE tenant = 'pilot');");
        Assert.Equal(1, changed);

        var damaged = await CliRun.InvokeAsync("manifest", "rebuild", "--tenant", "pilot", "--db", workspace.Database);

        Assert.Equal(ExitCodes.VerificationFailed, damaged.ExitCode);
        Assert.Contains("DIFFERS", damaged.Output, StringComparison.Ordinal);
        Assert.Contains("2 of 3 manifest(s)", damaged.Output, StringComparison.Ordinal);
    }
}
