using IntelGraph.Cli.Cutover;
using IntelGraph.Core;
using IntelGraph.Edge;

namespace IntelGraph.Cli.Tests.Cutover;

public sealed class CutoverPlanTests
{
    private const string Valid = """
        {
          // The repository's example, shortened.
          "tenant": "pilot",
          "banner": "Moving to release 2",
          "edge": "http://127.0.0.1:8099",
          "from": { "side": "blue", "url": "http://127.0.0.1:8081", "store": "data/blue.db" },
          "to": { "side": "green", "url": "http://127.0.0.1:8082", "store": "postgres://intelgraph@127.0.0.1/green" },
          "clients": "../dev-clients.json",
          "watch": { "windowSeconds": 600, "intervalSeconds": 15, "maxP95Ms": 1500, "maxPolicyDeniedPercent": 5 }
        }
        """;

    [Fact]
    public void Plan_paths_resolve_against_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "plans");
        var plan = CutoverPlan.Parse(Valid, Path.Combine(folder, "cutover.json"));

        Assert.Equal("pilot", plan.Tenant.Value);
        Assert.Equal(EdgeSide.Blue, plan.From.Side);
        Assert.Equal(EdgeSide.Green, plan.To.Side);
        Assert.Equal(Path.Combine(folder, "data", "blue.db"), plan.From.Store);
        Assert.Equal("postgres://intelgraph@127.0.0.1/green", plan.To.Store);
        Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "dev-clients.json")), plan.ClientsFile);
        Assert.Equal(Path.Combine(folder, CutoverPlan.DefaultRunFolder), plan.RunFolder);
        Assert.Equal(CutoverPlan.DefaultOperator, plan.Operator);
        Assert.Equal(TimeSpan.FromMinutes(10), plan.Watch!.Window);
        Assert.Equal(1500, plan.Watch.MaxP95Milliseconds);
        Assert.Null(plan.Watch.MaxCostPerInsight);
    }

    [Fact]
    public void Plan_errors_name_line_and_field()
    {
        var text = """
            {
              "tenant": "Pilot!",
              "banner": "",
              "edge": "ftp://127.0.0.1",
              "from": { "side": "blue", "url": "http://127.0.0.1:8081", "store": "blue.db" },
              "to": { "side": "blue", "url": "not a url" },
              "watch": { "windowSeconds": 10, "intervalSeconds": 60 }
            }
            """;

        var error = Assert.Throws<InvalidInputException>(() => CutoverPlan.Parse(text, "plan.json"));

        Assert.Contains("plan.json:2: tenant:", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json:3: banner:", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json:4: edge: 'ftp://127.0.0.1' is not an absolute http or https URL.", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json:6: to.url:", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json:6: to.store: missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json: clients: missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json:7: watch: has no threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_with_one_colour_rejected()
    {
        var text = Valid.Replace("\"side\": \"green\"", "\"side\": \"blue\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidInputException>(() => CutoverPlan.Parse(text, "plan.json"));

        Assert.Contains("to: is the blue side, like from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_unknown_fields_named()
    {
        var text = Valid
            .Replace("\"tenant\": \"pilot\",", "\"tenant\": \"pilot\", \"surprise\": 1,", StringComparison.Ordinal)
            .Replace("\"side\": \"green\",", "\"side\": \"green\", \"colour\": \"green\",", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidInputException>(() => CutoverPlan.Parse(text, "plan.json"));

        Assert.Contains("plan.json:3: surprise: unknown field; expected one of tenant, banner, edge, from, to, clients, operator, realm, runFolder, watch.", error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json:7: to.colour: unknown field; expected one of side, url, store.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IntelGraph.Cli", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"tenant\": ", "plan.json:1: invalid cutover plan")]
    [InlineData("{ \"tenant\": \"pilot\", \"surprise\": 1 }", "invalid cutover plan")]
    [InlineData("null", "the cutover plan is empty")]
    public void Plan_text_invalid(string text, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => CutoverPlan.Parse(text, "plan.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_missing_file_named()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => CutoverPlan.ReadAsync("no-such-plan.json", TestContext.Current.CancellationToken));

        Assert.Contains("no-such-plan.json: the cutover plan does not exist.", error.Message, StringComparison.Ordinal);
    }
}
