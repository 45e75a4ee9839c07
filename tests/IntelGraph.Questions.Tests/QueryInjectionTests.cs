using IntelGraph.Core;
using IntelGraph.Cypher.Values;
using IntelGraph.Graph;
using IntelGraph.Questions.Execution;
using IntelGraph.Questions.Forms;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Questions.Tests;

/// <summary>Text from a question reaches a query only as a parameter value, and only catalogue queries run.</summary>
public sealed class QueryInjectionTests
{
    private const string HostileName = "Evil'\"` Group`}) DETACH DELETE n //";

    private static readonly TenantId _tenant = TenantId.Parse("alpha");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_name_resolves_as_a_value()
    {
        await using var store = await ScratchStore.CreateAsync(Token);
        var graph = store.Stores.Graph;
        await graph.InsertEntityAsync(_tenant, new GraphEntity("g1", HostileName, "intrusion-set", null, "2024-01-01T00:00:00Z"), null, Token);
        await graph.InsertEntityAsync(_tenant, new GraphEntity("t1", "Valid Accounts", "attack-pattern", null, "2024-01-01T00:00:00Z"), null, Token);
        await graph.InsertEdgeAsync(_tenant, new GraphEdge("r1", "g1", "t1", "uses", "2024-01-01T00:00:00Z"), null, Token);
        var directory = await EntityDirectory.LoadAsync(graph, _tenant, Token);

        var preview = new QuestionTranslator(directory).Translate($"what does {HostileName} use?");
        var result = await PreviewedQuery.RunAsync(graph, _tenant, preview.Cypher!, preview.Parameters, Token);

        Assert.Equal(QuestionOutcome.Translated, preview.Outcome);
        Assert.Equal(QuestionCatalogue.Find("what-does-x-use")!.Templates[0], preview.Cypher);
        Assert.DoesNotContain("Evil", preview.Cypher, StringComparison.Ordinal);
        Assert.DoesNotContain("DETACH", preview.Cypher, StringComparison.Ordinal);
        Assert.Equal("g1", preview.Parameters["entity"]);
        Assert.Equal("Valid Accounts", ((StringValue)Assert.Single(result.Rows)[0]).Value);
        Assert.Equal(2, await graph.CountEntitiesAsync(_tenant, Token));
        Assert.Equal(1, await graph.CountEdgesAsync(_tenant, Token));
    }

    [Theory]
    [InlineData("who uses x'}) DETACH DELETE n //")]
    [InlineData("what is `}) MATCH (m) DETACH DELETE m RETURN 1 //")]
    [InlineData("who is connected to \"a\"}) DELETE n // within 2 hops")]
    public void Unknown_hostile_name_gets_no_query(string question)
    {
        var directory = new EntityDirectory([new GraphEntity("g1", "Sandworm Team", "intrusion-set", null, "2024-01-01T00:00:00Z")], []);

        var preview = new QuestionTranslator(directory).Translate(question);

        Assert.NotEqual(QuestionOutcome.Translated, preview.Outcome);
        Assert.Null(preview.Cypher);
        Assert.Empty(preview.Parameters);
    }

    [Fact]
    public void Changed_query_is_rejected()
    {
        var template = QuestionCatalogue.Find("who-uses")!.Templates[0];
        var parameters = new Dictionary<string, object?> { ["entity"] = "g1", ["types"] = null };

        var error = Assert.Throws<PreviewedQueryException>(() => PreviewedQuery.Bind(template + " LIMIT 1", parameters));

        Assert.Equal("cypher", error.Field);
        Assert.Null(PreviewedQuery.FindForm("MATCH (n) DETACH DELETE n"));
        Assert.Equal("who-uses", PreviewedQuery.FindForm(template)!.Name);
    }

    [Theory]
    [InlineData("extra")]
    [InlineData("missing")]
    [InlineData("wrong-type")]
    public void Parameters_must_fit_template(string fault)
    {
        var template = QuestionCatalogue.Find("who-uses")!.Templates[0];
        var parameters = new Dictionary<string, object?> { ["entity"] = "g1", ["types"] = null };
        switch (fault)
        {
            case "extra":
                parameters["limit"] = "5";
                break;
            case "missing":
                parameters.Remove("types");
                break;
            default:
                parameters["entity"] = new[] { "g1" };
                break;
        }

        var error = Assert.Throws<PreviewedQueryException>(() => PreviewedQuery.Bind(template, parameters));

        Assert.Equal("parameters", error.Field);
    }

    [Fact]
    public void Matching_parameters_bind()
    {
        var template = QuestionCatalogue.Find("who-uses")!.Templates[0];

        var values = PreviewedQuery.Bind(template, new Dictionary<string, object?> { ["entity"] = "g1", ["types"] = new[] { "malware" } });

        Assert.Equal("g1", ((StringValue)values["entity"]).Value);
        Assert.Equal("malware", ((StringValue)Assert.Single(((ListValue)values["types"]).Items)).Value);
    }
}
