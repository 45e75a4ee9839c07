using System.Text.Json;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph query</c>: Cypher over a migrated tenant's graph, as rows and as a graph to draw.</summary>
public sealed class QueryCommandTests
{
    private static readonly PilotExportOptions Clean = new() { Tenant = "sample", Seed = 5, Claims = 200, Deltas = 0, Faults = PilotExportFaults.None };

    [Fact]
    public async Task Count_matches_the_migrated_entities()
    {
        using var workspace = new Workspace();
        var migrated = await MigrateAsync(workspace);

        var result = await CliRun.InvokeAsync("query", "MATCH (n) RETURN count(n) AS entities", "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("entities", json.RootElement.GetProperty("columns")[0].GetString());
        Assert.Equal(migrated.RootElement.GetProperty("tables").GetProperty("entities").GetProperty("imported").GetInt64(), json.RootElement.GetProperty("rows")[0][0].GetInt64());
    }

    [Fact]
    public async Task Parameter_selects_a_node_and_its_edges()
    {
        using var workspace = new Workspace();
        await MigrateAsync(workspace);
        var first = await CliRun.InvokeAsync("query", "MATCH (a)-[r]->(b) RETURN a.id AS id ORDER BY id LIMIT 1", "--tenant", "pilot", "--db", workspace.Database, "--json");
        var id = JsonDocument.Parse(first.Output).RootElement.GetProperty("rows")[0][0].GetString()!;

        var result = await CliRun.InvokeAsync(
            "query", "MATCH (a {id: $id})-[r]->(b) RETURN a, r, b", "--param", $"id={id}", "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var graph = json.RootElement.GetProperty("graph");
        Assert.Contains(graph.GetProperty("nodes").EnumerateArray(), node => node.GetProperty("properties").GetProperty("id").GetString() == id);
        Assert.Equal(json.RootElement.GetProperty("rows").GetArrayLength(), graph.GetProperty("relationships").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("rows").EnumerateArray(), row => Assert.Equal(id, row[0].GetProperty("properties").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Syntax_error_names_its_position()
    {
        using var workspace = new Workspace();
        await MigrateAsync(workspace);

        var result = await CliRun.InvokeAsync("query", "MATCH (n RETURN n", "--tenant", "pilot", "--db", workspace.Database);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("SyntaxError", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 1, column 10", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_shows_estimate_heavy_query_denied()
    {
        using var workspace = new Workspace();
        await MigrateAsync(workspace);

        var light = await CliRun.InvokeAsync("query", "MATCH (n) RETURN count(n)", "--plan", "--tenant", "pilot", "--db", workspace.Database, "--json");
        var heavy = await CliRun.InvokeAsync("query", "MATCH (a)-[*1..8]-(b) RETURN count(*)", "--tenant", "pilot", "--db", workspace.Database);

        Assert.True(light.ExitCode == ExitCodes.Ok, light.ToString());
        using var plan = JsonDocument.Parse(light.Output);
        Assert.Equal("allow", plan.RootElement.GetProperty("decision").GetString());
        Assert.True(plan.RootElement.GetProperty("estimate").GetProperty("rowsTouched").GetInt64() > 0);
        // Migration sets the playbook's budget of 2500 ms and 100,000 rows.
        Assert.Equal(100_000, plan.RootElement.GetProperty("budget").GetProperty("rows").GetInt64());
        Assert.Equal("tenant", plan.RootElement.GetProperty("budget").GetProperty("source").GetString());

        Assert.Equal(ExitCodes.BudgetDenied, heavy.ExitCode);
        Assert.Contains("denied by the tenant budget", heavy.Error, StringComparison.Ordinal);
        Assert.Empty(heavy.Output);
    }

    [Fact]
    public async Task Writing_query_is_rejected_and_changes_nothing()
    {
        using var workspace = new Workspace();
        await MigrateAsync(workspace);
        var before = await CliRun.InvokeAsync("query", "MATCH (n) RETURN count(n)", "--tenant", "pilot", "--db", workspace.Database, "--json");

        var write = await CliRun.InvokeAsync("query", "MATCH (n) DETACH DELETE n", "--tenant", "pilot", "--db", workspace.Database);
        var after = await CliRun.InvokeAsync("query", "MATCH (n) RETURN count(n)", "--tenant", "pilot", "--db", workspace.Database, "--json");

        Assert.Equal(ExitCodes.Usage, write.ExitCode);
        Assert.Contains("read-only copy", write.Error, StringComparison.Ordinal);
        Assert.Equal(before.Output, after.Output);
    }

    private static async Task<JsonDocument> MigrateAsync(Workspace workspace)
    {
        var export = workspace.Sample("export", Clean);
        var result = await CliRun.InvokeAsync("migrate", "--from", export, "--tenant", "pilot", "--db", workspace.Database, "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        return JsonDocument.Parse(result.Output);
    }
}
