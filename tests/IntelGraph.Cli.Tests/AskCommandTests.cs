using System.Text.Json;
using IntelGraph.Migration.Sample;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph ask</c>: a question previewed as Cypher over an imported bundle, and run with <c>--run</c>.</summary>
public sealed class AskCommandTests
{
    private const string GroupId = "intrusion-set--11111111-1111-4111-8111-111111111111";
    private const string TechniqueId = "attack-pattern--22222222-2222-4222-8222-222222222222";
    private const string MitigationId = "course-of-action--33333333-3333-4333-8333-333333333333";

    // A small STIX 2.1 bundle: a group with aliases that uses one technique, which one mitigation addresses, and
    // two malware objects with one name.
    private const string Bundle = $$"""
        {"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
          {"type":"intrusion-set","spec_version":"2.1","id":"{{GroupId}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Grid Wolves","aliases":["Grid Wolves","Voltage Pack"]},
          {"type":"attack-pattern","spec_version":"2.1","id":"{{TechniqueId}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Spearphishing Attachment"},
          {"type":"course-of-action","spec_version":"2.1","id":"{{MitigationId}}","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"User Training"},
          {"type":"malware","spec_version":"2.1","id":"malware--44444444-4444-4444-8444-444444444444","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Howler","is_family":true},
          {"type":"malware","spec_version":"2.1","id":"malware--55555555-5555-4555-8555-555555555555","created":"2024-02-01T00:00:00.000Z","modified":"2024-02-01T00:00:00.000Z","name":"Howler","is_family":true},
          {"type":"relationship","spec_version":"2.1","id":"relationship--66666666-6666-4666-8666-666666666666","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","relationship_type":"uses","source_ref":"{{GroupId}}","target_ref":"{{TechniqueId}}"},
          {"type":"relationship","spec_version":"2.1","id":"relationship--77777777-7777-4777-8777-777777777777","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","relationship_type":"mitigates","source_ref":"{{MitigationId}}","target_ref":"{{TechniqueId}}"}
        ]}
        """;

    [Fact]
    public async Task Alias_question_runs_previewed_query()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("ask", "What does voltage pack use?", "--tenant", "intel", "--db", workspace.Database, "--run", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var preview = json.RootElement.GetProperty("preview");
        var entity = preview.GetProperty("entities")[0].GetProperty("resolution").GetProperty("entity");
        Assert.Equal("translated", preview.GetProperty("outcome").GetString());
        Assert.Equal(GroupId, entity.GetProperty("id").GetString());
        Assert.Equal("alias-ignoring-case", entity.GetProperty("matchedBy").GetString());
        Assert.Equal(GroupId, preview.GetProperty("parameters").GetProperty("entity").GetString());
        var row = Assert.Single(json.RootElement.GetProperty("result").GetProperty("rows").EnumerateArray());
        Assert.Equal("Spearphishing Attachment", row[0].GetString());
        Assert.Equal(TechniqueId, row[2].GetString());
    }

    [Fact]
    public async Task Text_preview_shows_cypher_and_rows()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("ask", "how can I mitigate spearphishing atachment", "--tenant", "intel", "--db", workspace.Database, "--run");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Form:     what-mitigates", result.Output, StringComparison.Ordinal);
        Assert.Contains("label-typo 'Spearphishing Attachment'", result.Output, StringComparison.Ordinal);
        Assert.Contains("MATCH (mitigation)-[:mitigates]->(technique {id: $entity})", result.Output, StringComparison.Ordinal);
        Assert.Contains($"$entity = \"{TechniqueId}\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("'User Training'", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 row(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_alone_runs_nothing()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("ask", "who uses Spearphishing Attachment", "--tenant", "intel", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("result").ValueKind);
        Assert.Equal("who-uses", json.RootElement.GetProperty("preview").GetProperty("form").GetString());
    }

    [Fact]
    public async Task Ambiguous_name_fails_with_candidates()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("ask", "what is Howler", "--tenant", "intel", "--db", workspace.Database, "--run");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("is ambiguous", result.Output, StringComparison.Ordinal);
        Assert.Contains("malware--44444444-4444-4444-8444-444444444444", result.Output, StringComparison.Ordinal);
        Assert.Contains("malware--55555555-5555-4555-8555-555555555555", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("row(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_question_is_a_usage_error()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("ask", "delete every entity", "--tenant", "intel", "--db", workspace.Database, "--json");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("unsupported", json.RootElement.GetProperty("preview").GetProperty("outcome").GetString());
        Assert.True(json.RootElement.GetProperty("preview").GetProperty("supportedForms").GetArrayLength() >= 10);
        Assert.Contains("not one of the supported forms", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrated_tenant_counts_by_type()
    {
        using var workspace = new Workspace();
        var export = workspace.Sample("export", new PilotExportOptions { Tenant = "sample", Seed = 5, Claims = 200, Deltas = 0, Faults = PilotExportFaults.None });
        var migrate = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--json");
        Assert.True(migrate.ExitCode == ExitCodes.Ok, migrate.ToString());
        var imported = JsonDocument.Parse(migrate.Output).RootElement.GetProperty("tables").GetProperty("entities").GetProperty("imported").GetInt64();

        var result = await CliRun.InvokeAsync("ask", "How many entities of each type?", "--tenant", "pilot", "--db", workspace.Database, "--run", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.GetProperty("result").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(imported, rows.Sum(row => row[1].GetInt64()));
        Assert.True(rows.Count > 1, "The sample export should have more than one entity type.");
    }

    [Fact]
    public async Task Preview_shows_plan_and_budget_denies_run()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var allowed = await CliRun.InvokeAsync("ask", "What does voltage pack use?", "--tenant", "intel", "--db", workspace.Database, "--json");
        await TestStores.ExecuteAsync(
            workspace.StoreLocation("store.db"), "INSERT INTO budgets (tenant, max_ms, max_rows, updated_at) VALUES ('intel', 1, 1, '2026-01-01T00:00:00Z');");
        var denied = await CliRun.InvokeAsync("ask", "What does voltage pack use?", "--tenant", "intel", "--db", workspace.Database, "--run");

        Assert.True(allowed.ExitCode == ExitCodes.Ok, allowed.ToString());
        using var json = JsonDocument.Parse(allowed.Output);
        var plan = json.RootElement.GetProperty("preview").GetProperty("plan");
        Assert.Equal("allow", plan.GetProperty("decision").GetString());
        Assert.Equal("default", plan.GetProperty("budget").GetProperty("source").GetString());
        Assert.True(plan.GetProperty("estimate").GetProperty("rowsTouched").GetInt64() > 0);

        Assert.Equal(ExitCodes.BudgetDenied, denied.ExitCode);
        Assert.Contains("Estimate:", denied.Output, StringComparison.Ordinal);
        Assert.Contains("denied by the tenant budget", denied.Error, StringComparison.Ordinal);
    }

    private static async Task ImportAsync(Workspace workspace)
    {
        var bundle = workspace.PathOf("bundle.json");
        await File.WriteAllTextAsync(bundle, Bundle);
        var result = await CliRun.InvokeAsync("import", "stix", bundle, "--tenant", "intel", "--db", workspace.Database);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }
}
