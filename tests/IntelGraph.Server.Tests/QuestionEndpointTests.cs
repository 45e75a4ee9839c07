using System.Net;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;

namespace IntelGraph.Server.Tests;

public sealed class QuestionEndpointTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_then_execute_returns_rows()
    {
        var (wolves, _, malware) = await SeedAsync();
        var token = await Server.TokenAsync(DevClients.Client("beta", "auditor"));

        using var previewResponse = await Server.SendAsync(HttpMethod.Post, "/graph/nl", token, JsonSerializer.Serialize(new { question = $"who uses {wolves.Label.ToUpperInvariant()}?" }));
        var preview = await previewResponse.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        Assert.Equal("translated", preview.GetProperty("outcome").GetString());
        Assert.Equal("who-uses", preview.GetProperty("form").GetString());
        var entity = preview.GetProperty("entities")[0].GetProperty("resolution").GetProperty("entity");
        Assert.Equal(wolves.Id, entity.GetProperty("id").GetString());
        Assert.Equal("label-ignoring-case", entity.GetProperty("matchedBy").GetString());
        Assert.Equal(wolves.Id, preview.GetProperty("parameters").GetProperty("entity").GetString());
        Assert.DoesNotContain(wolves.Label, preview.GetProperty("cypher").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("allow", preview.GetProperty("plan").GetProperty("decision").GetString());
        Assert.True(preview.GetProperty("plan").GetProperty("estimate").GetProperty("rowsTouched").GetInt64() > 0);

        var execute = JsonSerializer.Serialize(new { cypher = preview.GetProperty("cypher").GetString(), parameters = preview.GetProperty("parameters") });
        using var rowsResponse = await Server.SendAsync(HttpMethod.Post, "/graph/nl/execute", token, execute);
        var rows = await rowsResponse.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, rowsResponse.StatusCode);
        Assert.Equal("who-uses", rows.GetProperty("form").GetString());
        Assert.Equal(["name", "type", "id"], rows.GetProperty("columns").EnumerateArray().Select(column => column.GetString()));
        var row = Assert.Single(rows.GetProperty("rows").EnumerateArray());
        Assert.Equal(malware.Label, row[0].GetString());
        Assert.Equal(malware.Id, row[2].GetString());
        Assert.Equal("allow", rows.GetProperty("plan").GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Alias_resolves_through_endpoint()
    {
        var (wolves, utility, _) = await SeedAsync();
        var token = await Server.TokenAsync(DevClients.Client("beta", "analyst"));

        using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl", token, JsonSerializer.Serialize(new { question = $"what does {wolves.Id[..8]} Howlers target" }));
        var preview = await response.JsonAsync();

        var entity = preview.GetProperty("entities")[0].GetProperty("resolution").GetProperty("entity");
        Assert.Equal("alias", entity.GetProperty("matchedBy").GetString());
        Assert.Equal(wolves.Id, entity.GetProperty("id").GetString());
        Assert.Equal("what-does-x-target", preview.GetProperty("form").GetString());
        Assert.Equal(wolves.Id, preview.GetProperty("parameters").GetProperty("entity").GetString());
        Assert.DoesNotContain(utility.Id, preview.GetProperty("cypher").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_question_lists_forms()
    {
        var token = await Server.TokenAsync(DevClients.Client("beta", "auditor"));

        using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl", token, """{"question":"Drop every table"}""");
        var preview = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unsupported", preview.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("cypher").ValueKind);
        Assert.True(preview.GetProperty("supportedForms").GetArrayLength() >= 10);
        Assert.Contains("who-uses", preview.GetProperty("supportedForms").EnumerateArray().Select(form => form.GetProperty("form").GetString()));
    }

    [Fact]
    public async Task Missing_question_is_invalid()
    {
        var token = await Server.TokenAsync(DevClients.Client("beta", "auditor"));

        using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl", token, """{"question":"  "}""");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.invalid_field");
        Problem.AssertNamesField(problem, "question");
    }

    [Fact]
    public async Task Other_cypher_is_not_executed()
    {
        var token = await Server.TokenAsync(DevClients.Client("beta", "admin"));

        using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl/execute", token, """{"cypher":"MATCH (n) DETACH DELETE n","parameters":{}}""");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "graph.query_not_previewed");
        Problem.AssertNamesField(problem, "cypher");
    }

    [Fact]
    public async Task Extra_parameter_is_rejected()
    {
        var token = await Server.TokenAsync(DevClients.Client("beta", "admin"));
        using var previewResponse = await Server.SendAsync(HttpMethod.Post, "/graph/nl", token, """{"question":"how many entities of each type"}""");
        var cypher = (await previewResponse.JsonAsync()).GetProperty("cypher").GetString();

        using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl/execute", token, JsonSerializer.Serialize(new { cypher, parameters = new { entity = 5 } }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "graph.query_not_previewed");
        Problem.AssertNamesField(problem, "parameters");
    }

    [Fact]
    public async Task Hostile_name_stays_a_parameter()
    {
        var tenant = TenantId.Parse("beta");
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var hostile = new GraphEntity($"{prefix}-hostile", $"x{prefix}'\"`}}) DETACH DELETE n //", "intrusion-set", null, "2025-01-01T00:00:00Z");
        await using (var stores = await Server.OpenStoresAsync(Token))
        {
            await stores.Graph.InsertEntityAsync(tenant, hostile, null, Token);
        }

        var token = await Server.TokenAsync(DevClients.Client("beta", "auditor"));
        using var previewResponse = await Server.SendAsync(HttpMethod.Post, "/graph/nl", token, JsonSerializer.Serialize(new { question = $"what is {hostile.Label}" }));
        var preview = await previewResponse.JsonAsync();
        var cypher = preview.GetProperty("cypher").GetString()!;
        var execute = JsonSerializer.Serialize(new { cypher, parameters = preview.GetProperty("parameters") });
        using var rowsResponse = await Server.SendAsync(HttpMethod.Post, "/graph/nl/execute", token, execute);
        var row = Assert.Single((await rowsResponse.JsonAsync()).GetProperty("rows").EnumerateArray());

        Assert.Equal("translated", preview.GetProperty("outcome").GetString());
        Assert.DoesNotContain(prefix, cypher, StringComparison.Ordinal);
        Assert.DoesNotContain("DETACH", cypher, StringComparison.Ordinal);
        Assert.Equal(hostile.Id, preview.GetProperty("parameters").GetProperty("entity").GetString());
        Assert.Equal(hostile.Label, row[0].GetString());
        await using var after = await Server.OpenStoresAsync(Token);
        Assert.NotNull(await after.Graph.FindEntityAsync(tenant, hostile.Id, Token));
    }

    /// <summary>Stores a group that uses a malware and targets an organisation, all with fresh ids, in tenant beta.</summary>
    private async Task<(GraphEntity Wolves, GraphEntity Utility, GraphEntity Malware)> SeedAsync()
    {
        var tenant = TenantId.Parse("beta");
        var prefix = Guid.NewGuid().ToString("N");
        var wolves = new GraphEntity($"{prefix}-wolves", $"Wolves {prefix}", "intrusion-set", null, "2025-01-01T00:00:00Z");
        var utility = new GraphEntity($"{prefix}-utility", $"Utility {prefix}", "identity", null, "2025-01-02T00:00:00Z");
        var malware = new GraphEntity($"{prefix}-malware", $"Howler {prefix}", "malware", null, "2025-01-03T00:00:00Z");
        await using var stores = await Server.OpenStoresAsync(Token);
        foreach (var seeded in new[] { wolves, utility, malware })
        {
            await stores.Graph.InsertEntityAsync(tenant, seeded, null, Token);
        }

        await stores.Graph.AddEntityAliasesAsync(tenant, wolves.Id, [$"{prefix[..8]} Howlers"], Token);
        await stores.Graph.InsertEdgeAsync(tenant, new GraphEdge($"{prefix}-e1", wolves.Id, utility.Id, "targets", "2025-01-04T00:00:00Z"), null, Token);
        await stores.Graph.InsertEdgeAsync(tenant, new GraphEdge($"{prefix}-e2", malware.Id, wolves.Id, "uses", "2025-01-04T00:00:00Z"), null, Token);
        return (wolves, utility, malware);
    }
}
