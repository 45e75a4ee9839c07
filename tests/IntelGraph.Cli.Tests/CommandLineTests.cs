using System.Text.Json;
using IntelGraph.Migration.Sample;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests;

/// <summary>The operator's commands end to end: output, JSON shape and exit codes.</summary>
public sealed class CommandLineTests
{
    private static readonly PilotExportOptions Messy = new() { Tenant = "sample", Seed = 7, Claims = 300, Deltas = 1, ClaimsPerDelta = 60, Faults = PilotExportFaults.All };

    private static readonly PilotExportOptions Clean = Messy with { Faults = PilotExportFaults.None };

    [Fact]
    public async Task Migrate_with_quarantine_exits_4()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Messy);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);

        Assert.Equal(ExitCodes.Quarantined, result.ExitCode);
        Assert.Contains("intelgraph quarantine list --tenant pilot", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_quarantine_exits_0()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Messy);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--accept-quarantine");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task Clean_export_migrates_with_exit_0()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(Clean.Claims, json.RootElement.GetProperty("tables").GetProperty("claims").GetProperty("imported").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("unaccounted").GetInt64());
        Assert.Equal(2500, json.RootElement.GetProperty("budget").GetProperty("ms").GetInt64());
        Assert.Equal(100000, json.RootElement.GetProperty("budget").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Budget_options_set_the_budget()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--json", "--budget-ms", "900", "--budget-rows", "5000");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(900, json.RootElement.GetProperty("budget").GetProperty("ms").GetInt64());
        Assert.Equal(5000, json.RootElement.GetProperty("budget").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Verify_json_has_the_reconciliation_fields()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Messy);
        await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--accept-quarantine");
        await CliRun.InvokeAsync("migrate", "--delta", Path.Combine(export, "deltas", "0001"), "--tenant", "pilot", "--db", workspace.Database, "--accept-quarantine");

        var result = await CliRun.InvokeAsync("verify", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        foreach (var table in new[] { "claims", "entities", "edges", "cases", "tasks", "reports" })
        {
            var counts = root.GetProperty("tables").GetProperty(table);
            foreach (var field in new[] { "source", "imported", "duplicates", "quarantined", "missing" })
            {
                Assert.Equal(JsonValueKind.Number, counts.GetProperty(field).ValueKind);
            }
        }

        var quarantine = root.GetProperty("quarantine").EnumerateArray().ToList();
        Assert.NotEmpty(quarantine);
        Assert.All(quarantine, q => Assert.False(string.IsNullOrEmpty(q.GetProperty("reason").GetString())));
        var manifests = root.GetProperty("manifests").EnumerateArray().ToList();
        Assert.NotEmpty(manifests);
        Assert.All(manifests, m => Assert.Equal(64, m.GetProperty("rootHash").GetString()!.Length));
    }

    [Fact]
    public async Task Verify_before_migration_exits_3()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);

        var result = await CliRun.InvokeAsync("verify", "--from", export, "--tenant", "pilot", "--db", workspace.Database);

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
    }

    [Fact]
    public async Task Quarantine_list_json_names_file_and_line()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Messy);
        await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);

        var result = await CliRun.InvokeAsync("quarantine", "list", "--tenant", "pilot", "--db", workspace.Database, "--json");

        using var json = JsonDocument.Parse(result.Output);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.GetProperty("line").GetInt64() > 0));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("file").GetString())));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("rawText").GetString())));
    }

    [Fact]
    public async Task Exported_manifest_verifies_offline()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);
        await CliRun.InvokeAsync("keys", "export", "--tenant", "pilot", "--db", workspace.Database, "--out", workspace.PathOf("jwks.json"));
        await CliRun.InvokeAsync("manifest", "export", "--all", "--out", workspace.PathOf("manifests"), "--tenant", "pilot", "--db", workspace.Database);

        var files = Directory.GetFiles(workspace.PathOf("manifests"));
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = await CliRun.InvokeAsync("manifest", "verify", file, "--jwks", workspace.PathOf("jwks.json"));
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        }
    }

    [Fact]
    public async Task Tampered_manifest_fails_verification()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);
        await CliRun.InvokeAsync("keys", "export", "--tenant", "pilot", "--db", workspace.Database, "--out", workspace.PathOf("jwks.json"));
        await CliRun.InvokeAsync("manifest", "export", "--all", "--out", workspace.PathOf("manifests"), "--tenant", "pilot", "--db", workspace.Database);
        var file = Directory.GetFiles(workspace.PathOf("manifests"))[0];
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var hashStart = text.IndexOf("sha256:", StringComparison.Ordinal) + "sha256:".Length;
        var flipped = text[hashStart] == '0' ? '1' : '0';
        await File.WriteAllTextAsync(file, text[..hashStart] + flipped + text[(hashStart + 1)..], TestContext.Current.CancellationToken);

        var result = await CliRun.InvokeAsync("manifest", "verify", file, "--jwks", workspace.PathOf("jwks.json"), "--json");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Backup_and_restore_round_trip()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);
        var backup = await CliRun.InvokeAsync("backup", "--to", workspace.PathOf("backup"), "--db", workspace.Database);
        Assert.True(backup.ExitCode == ExitCodes.Ok, backup.ToString());

        // SQLite restores over the file; PostgreSQL restores into a new database, as a restore drill does.
        var target = workspace.Database;
        if (TestStores.OnPostgres)
        {
            target = TestStores.NewPostgresName().Value;
        }
        else
        {
            File.Delete(target);
        }

        var restore = await CliRun.InvokeAsync("restore", "--from", workspace.PathOf("backup"), "--db", target);
        var verify = await CliRun.InvokeAsync("verify", "--from", export, "--tenant", "pilot", "--db", target);
        await TestStores.DropAsync(Storage.StoreLocation.Resolve(target));

        Assert.True(restore.ExitCode == ExitCodes.Ok, restore.ToString());
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
    }

    [Fact]
    public async Task Freeze_and_unfreeze_report_the_window()
    {
        using var workspace = new Workspace();

        var freeze = await CliRun.InvokeAsync("freeze", "--banner", "Maintenance until 10:00", "--db", workspace.Database, "--json");
        var unfreeze = await CliRun.InvokeAsync("unfreeze", "--db", workspace.Database, "--json");

        using var frozen = JsonDocument.Parse(freeze.Output);
        using var unfrozen = JsonDocument.Parse(unfreeze.Output);
        Assert.Equal("Maintenance until 10:00", frozen.RootElement.GetProperty("banner").GetString());
        Assert.True(unfrozen.RootElement.GetProperty("wasFrozen").GetBoolean());
    }

    [Theory]
    [InlineData("migrate", "--tenant", "pilot")]
    [InlineData("migrate", "--from", "x", "--delta", "y", "--tenant", "pilot")]
    [InlineData("verify", "--tenant", "pilot")]
    [InlineData("manifest", "export", "--out", "x", "--tenant", "pilot")]
    [InlineData("no-such-command")]
    [InlineData("migrate", "--from", "x", "--tenant", "pilot", "--budget-ms", "abc", "--budget-rows", "5")]
    [InlineData("migrate", "--from", "x", "--tenant", "pilot", "--budget-ms", "99999999999999999999", "--budget-rows", "5")]
    [InlineData("migrate", "--from", "x", "--tenant", "pilot", "--budget-ms", "-1", "--budget-rows", "5")]
    [InlineData("migrate", "--from", "x", "--tenant", "pilot", "--budget-ms", "10")]
    [InlineData("sample", "--out", "x", "--claims", "0")]
    [InlineData("sample", "--out", "x", "--claims", "2000000000")]
    public async Task Invalid_command_line_exits_2(params string[] args)
    {
        var result = await CliRun.InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_tenant_name_is_explained()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "Bad Tenant!", "--db", workspace.Database);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Invalid tenant name 'Bad Tenant!'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_export_folder_is_explained()
    {
        using var workspace = new Workspace();

        var result = await CliRun.InvokeAsync("migrate", "--from", workspace.PathOf("nowhere"), "--tenant", "pilot", "--db", workspace.Database);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("nowhere", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rehearsal_of_a_sample_reports_the_freeze_window()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Messy);

        var result = await CliRun.InvokeAsync("rehearse", "--from", export, "--work", workspace.PathOf("rehearsal"), "--json", "--accept-quarantine");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var steps = json.RootElement.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Equal(["InitialBackup", "MigrateBase", "Verify", "FreezeWrites", "FinalBackup", "ApplyDelta", "VerifyAfterDeltas", "Unfreeze"], steps);
        Assert.True(json.RootElement.GetProperty("freezeWindowMs").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("reconciliation").GetProperty("ok").GetBoolean());
        Assert.True(File.Exists(Path.Combine(workspace.PathOf("rehearsal"), "backups", "final", "backup.json")));
    }

    [Fact]
    public async Task Stix_import_seals_every_claim()
    {
        using var workspace = new Workspace();
        var bundle = Testing.RepositoryFolders.Shared("datasets", "mitre-attack-ics", "ics-attack.json");

        var result = await CliRun.InvokeAsync("import", "stix", bundle, "--tenant", "ics", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var imported = json.RootElement.GetProperty("import").GetProperty("relationshipsImported").GetInt32();
        Assert.True(imported > 0);
        Assert.Equal(imported, json.RootElement.GetProperty("claimsSealed").GetInt32());
        Assert.Equal((imported + 999) / 1000, json.RootElement.GetProperty("manifestsSealed").GetInt32());

        var again = await CliRun.InvokeAsync("import", "stix", bundle, "--tenant", "ics", "--db", workspace.Database, "--json");
        using var againJson = JsonDocument.Parse(again.Output);
        Assert.Equal(0, againJson.RootElement.GetProperty("manifestsSealed").GetInt32());
    }

    [Fact]
    public async Task Concurrent_tenant_migration_is_rejected()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        await using var holder = await Storage.StoreOpener.OpenSessionAsync(workspace.StoreLocation("store.db"), TimeProvider.System, TestContext.Current.CancellationToken);
        await using var running = await holder.LockTenantMigrationAsync(Core.TenantId.Parse("pilot"), TestContext.Current.CancellationToken);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);
        var otherTenant = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "other", "--db", workspace.Database);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("Another migration of tenant 'pilot' is running", result.Error, StringComparison.Ordinal);
        Assert.True(otherTenant.ExitCode == ExitCodes.Ok, otherTenant.ToString());
    }

    [Fact]
    public async Task Claim_listed_but_absent_exits_3()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        await File.AppendAllTextAsync(Path.Combine(export, "claim_ids.txt"), "clm-never-exported\n", TestContext.Current.CancellationToken);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database);

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.Contains("clm-never-exported", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declared_count_mismatch_exits_3()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", Clean);
        var manifestPath = Path.Combine(export, "export.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken))!;
        manifest["counts"]!["claims"] = Clean.Claims + 5;
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString(), TestContext.Current.CancellationToken);

        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Contains(json.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("declares", StringComparison.Ordinal));
    }
}
