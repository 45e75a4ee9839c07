using System.Text.Json;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph analytics</c> on the imported ATT&amp;CK for ICS bundle: JSON results, explanations, counterfactuals and bad input.</summary>
public sealed class AnalyticsCommandTests
{
    private const string SandwormTeam = "intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192";
    private const string Allanite = "intrusion-set--190242d7-73fc-4738-af68-20162f7a5aae";

    private static string BundlePath => RepositoryFolders.Shared("datasets", "mitre-attack-ics", "ics-attack.json");

    private static async Task ImportAsync(Workspace workspace)
    {
        var import = await CliRun.InvokeAsync("import", "stix", BundlePath, "--tenant", "ics", "--db", workspace.Database);
        Assert.True(import.ExitCode == ExitCodes.Ok, import.ToString());
    }

    [Fact]
    public async Task PageRank_json_sums_to_one()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("analytics", "pagerank", "--tenant", "ics", "--db", workspace.Database, "--limit", "3", "--json", "--explain");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var report = json.RootElement.GetProperty("result");
        Assert.Equal("pagerank", json.RootElement.GetProperty("analysis").GetString());
        Assert.Equal(3, report.GetProperty("items").GetArrayLength());
        Assert.Equal(1.0, report.GetProperty("details").GetProperty("sum").GetDouble(), 9);
        var explanation = json.RootElement.GetProperty("explanation");
        Assert.Equal(report.GetProperty("items")[0].GetProperty("node").GetProperty("id").GetString(), explanation.GetProperty("node").GetProperty("id").GetString());
        Assert.NotEqual(0, explanation.GetProperty("neighbours").GetArrayLength());
    }

    [Fact]
    public async Task Path_explains_each_edge_with_claims()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync(
            "analytics", "path", "--tenant", "ics", "--db", workspace.Database, "--from", SandwormTeam, "--to", Allanite, "--explain", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var steps = json.RootElement.GetProperty("result").GetProperty("steps");
        var explained = json.RootElement.GetProperty("explanation");
        Assert.True(json.RootElement.GetProperty("result").GetProperty("found").GetBoolean());
        Assert.Equal(steps.GetArrayLength(), explained.GetArrayLength());
        foreach (var edge in explained.EnumerateArray())
        {
            var claim = edge.GetProperty("claims")[0];
            Assert.StartsWith("clm-", claim.GetProperty("claimId").GetString(), StringComparison.Ordinal);
            Assert.True(claim.GetProperty("proof").GetProperty("verified").GetBoolean());
        }
    }

    [Fact]
    public async Task Without_edge_reports_a_counterfactual()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);
        var path = await CliRun.InvokeAsync("analytics", "path", "--tenant", "ics", "--db", workspace.Database, "--from", SandwormTeam, "--to", Allanite, "--json");
        var firstEdge = JsonDocument.Parse(path.Output).RootElement.GetProperty("result").GetProperty("steps")[0].GetProperty("edge").GetProperty("id").GetString()!;

        var result = await CliRun.InvokeAsync(
            "analytics", "path", "--tenant", "ics", "--db", workspace.Database, "--from", SandwormTeam, "--to", Allanite, "--without-edge", firstEdge, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var counterfactual = json.RootElement.GetProperty("counterfactual");
        Assert.Equal(firstEdge, counterfactual.GetProperty("removedEdge").GetProperty("id").GetString());
        Assert.DoesNotContain(
            counterfactual.GetProperty("after").GetProperty("steps").EnumerateArray(),
            step => step.GetProperty("edge").GetProperty("id").GetString() == firstEdge);
        Assert.True(
            counterfactual.GetProperty("after").GetProperty("hops").GetInt32() >= counterfactual.GetProperty("before").GetProperty("hops").GetInt32());
    }

    [Fact]
    public async Task Unknown_entity_is_a_usage_error()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("analytics", "khop", "--tenant", "ics", "--db", workspace.Database, "--node", "no-such-entity");
        var depth = await CliRun.InvokeAsync("analytics", "khop", "--tenant", "ics", "--db", workspace.Database, "--node", SandwormTeam, "--depth", "9");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'no-such-entity'", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, depth.ExitCode);
        Assert.Contains("depth", depth.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patterns_text_lists_shared_techniques()
    {
        using var workspace = new Workspace();
        await ImportAsync(workspace);

        var result = await CliRun.InvokeAsync("analytics", "patterns", "shared-techniques", "--tenant", "ics", "--db", workspace.Database, "--limit", "2");
        var bad = await CliRun.InvokeAsync("analytics", "patterns", "squares", "--tenant", "ics", "--db", workspace.Database);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("shared-techniques match(es)", result.Output, StringComparison.Ordinal);
        Assert.Equal(3, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
    }
}
