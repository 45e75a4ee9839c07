using System.Net;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;

namespace IntelGraph.Server.Tests;

/// <summary>
/// A token of tenant beta, holding every role, against tenant alpha's rows on every tenant-scoped
/// endpoint: nothing of alpha is read, and nothing of alpha changes.
/// </summary>
public sealed class TenantIsolationTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Alpha's rows, created through the API (and the graph through the store, which has no write endpoints).</summary>
    private sealed record AlphaRows(string ClaimId, string ClaimBody, string SealableClaimId, string ManifestId, string CaseId, string TaskId, string ReportId, string EntityId, string EntityLabel);

    [Fact]
    public async Task Beta_token_never_reaches_alpha_rows()
    {
        var alpha = await SeedAlphaAsync();
        var beta = await Server.TokenAsync(DevClients.AllRoles("beta"));
        var cases = IsolationCases(alpha);

        foreach (var (route, check) in cases)
        {
            await check(beta);
        }

        // Every tenant-scoped endpoint of the matrix has a case here.
        var tenantRoutes = EndpointCatalog.All()
            .Where(endpoint => endpoint.Expected == Expected.Roles && !endpoint.IsDeploymentWide)
            .Select(endpoint => endpoint.ToString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(tenantRoutes, cases.Select(isolationCase => isolationCase.Route).Order(StringComparer.Ordinal));

        await AssertAlphaUnchangedAsync(alpha);
    }

    private List<(string Route, Func<string, Task> Check)> IsolationCases(AlphaRows alpha) =>
    [
        ("GET /ledger/claims", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, "/ledger/claims?limit=1000", beta);
            Assert.DoesNotContain(alpha.ClaimId, await response.TextAsync(), StringComparison.Ordinal);
        }),
        ("GET /ledger/claims/{claimId}", async beta =>
            await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/ledger/claims/{alpha.ClaimId}", beta), HttpStatusCode.NotFound, "ledger.claim_not_found")),
        ("POST /ledger/claims", async beta =>
        {
            // The same id in beta's own ledger is a different claim; alpha's stays as it was (checked at the end).
            using var response = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", beta, $$"""{"id":"{{alpha.ClaimId}}","owner":"beta"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }),
        ("POST /ledger/manifests", async beta =>
            await Problem.AssertAsync(
                await Server.SendAsync(HttpMethod.Post, "/ledger/manifests", beta, $$"""{"claimIds":["{{alpha.SealableClaimId}}"]}"""),
                HttpStatusCode.UnprocessableEntity,
                "ledger.claim_not_found")),
        ("GET /ledger/manifests/{manifestId}/export", async beta =>
            await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/ledger/manifests/{alpha.ManifestId}/export", beta), HttpStatusCode.NotFound, "ledger.manifest_not_found")),
        ("POST /budget/init", async beta =>
            await Problem.AssertAsync(
                await Server.SendAsync(HttpMethod.Post, "/budget/init", beta, """{"tenant":"alpha","ms":1,"rows":1}"""),
                HttpStatusCode.Forbidden,
                "auth.tenant_mismatch")),
        ("POST /budget/check", async beta =>
            await Problem.AssertAsync(
                await Server.SendAsync(HttpMethod.Post, "/budget/check", beta, """{"tenant":"alpha","estMs":1,"estRows":1}"""),
                HttpStatusCode.Forbidden,
                "auth.tenant_mismatch")),
        ("GET /cases", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, "/cases?limit=1000", beta);
            Assert.DoesNotContain(alpha.CaseId, await response.TextAsync(), StringComparison.Ordinal);
        }),
        ("POST /cases", async beta =>
        {
            // An id taken in alpha is free in beta.
            using var response = await Server.SendAsync(HttpMethod.Post, "/cases", beta, $$"""{"id":"{{alpha.CaseId}}","name":"beta's own"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }),
        ("GET /cases/{caseId}", async beta =>
        {
            // Beta now has its own case with alpha's id; it must read beta's, not alpha's.
            using var response = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}", beta);
            Assert.Equal("beta's own", (await response.JsonAsync()).GetProperty("name").GetString());
        }),
        ("PUT /cases/{caseId}", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Put, $"/cases/{alpha.CaseId}", beta, """{"name":"beta renamed","status":"closed"}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }),
        ("GET /cases/{caseId}/tasks", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}/tasks", beta);
            Assert.DoesNotContain(alpha.TaskId, await response.TextAsync(), StringComparison.Ordinal);
        }),
        ("POST /cases/{caseId}/tasks", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Post, $"/cases/{alpha.CaseId}/tasks", beta, $$"""{"id":"{{alpha.TaskId}}","title":"beta task"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }),
        ("GET /cases/{caseId}/tasks/{taskId}", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}/tasks/{alpha.TaskId}", beta);
            Assert.Equal("beta task", (await response.JsonAsync()).GetProperty("title").GetString());
        }),
        ("PUT /cases/{caseId}/tasks/{taskId}", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Put, $"/cases/{alpha.CaseId}/tasks/{alpha.TaskId}", beta, """{"title":"beta edit","status":"done"}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }),
        ("GET /cases/{caseId}/reports", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}/reports", beta);
            Assert.DoesNotContain(alpha.ReportId, await response.TextAsync(), StringComparison.Ordinal);
        }),
        ("POST /cases/{caseId}/reports", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Post, $"/cases/{alpha.CaseId}/reports", beta, $$"""{"id":"{{alpha.ReportId}}","title":"beta report"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }),
        ("GET /cases/{caseId}/reports/{reportId}", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}/reports/{alpha.ReportId}", beta);
            Assert.Equal("beta report", (await response.JsonAsync()).GetProperty("title").GetString());
        }),
        ("PUT /cases/{caseId}/reports/{reportId}", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Put, $"/cases/{alpha.CaseId}/reports/{alpha.ReportId}", beta, """{"title":"beta edit"}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }),
        ("GET /graph/entities", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, $"/graph/entities?label={alpha.EntityLabel}", beta);
            Assert.Empty((await response.JsonAsync()).GetProperty("items").EnumerateArray());
        }),
        ("GET /graph/entities/{entityId}", async beta =>
            await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/graph/entities/{alpha.EntityId}", beta), HttpStatusCode.NotFound, "graph.entity_not_found")),
        ("GET /graph/entities/{entityId}/neighbours", async beta =>
            await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/graph/entities/{alpha.EntityId}/neighbours", beta), HttpStatusCode.NotFound, "graph.entity_not_found")),
        ("POST /graph/query", async beta =>
        {
            using var response = await Server.SendAsync(
                HttpMethod.Post, "/graph/query", beta, $$$"""{"cypher":"MATCH (n {id: $id}) RETURN n.id","params":{"id":"{{{alpha.EntityId}}}"}}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty((await response.JsonAsync()).GetProperty("result").GetProperty("rows").EnumerateArray());
        }),
        ("POST /graph/nl", async beta =>
        {
            // Names resolve among beta's entities only, so alpha's label finds nothing and names no alpha id.
            using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl", beta, $$"""{"question":"what is {{alpha.EntityLabel}}"}""");
            var text = await response.TextAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"outcome\":\"entity-not-found\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain(alpha.EntityId, text, StringComparison.Ordinal);
        }),
        ("POST /graph/nl/execute", async beta =>
        {
            var describe = JsonSerializer.Serialize(new
            {
                cypher = Questions.Forms.QuestionCatalogue.Find("describe")!.Templates[0],
                parameters = new { entity = alpha.EntityId },
            });
            using var response = await Server.SendAsync(HttpMethod.Post, "/graph/nl/execute", beta, describe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, (await response.JsonAsync()).GetProperty("rows").GetArrayLength());
        }),

        // Analytics run over the token's tenant only: rankings, communities and patterns never list alpha's
        // entity, and a path or neighbourhood that names it finds no such entity.
        ("GET /graph/analytics/pagerank", beta => AssertAnalyticsHideAlphaAsync(beta, "/graph/analytics/pagerank?limit=10000", alpha)),
        ("GET /graph/analytics/degree", beta => AssertAnalyticsHideAlphaAsync(beta, "/graph/analytics/degree?limit=10000", alpha)),
        ("GET /graph/analytics/betweenness", beta => AssertAnalyticsHideAlphaAsync(beta, "/graph/analytics/betweenness?limit=10000", alpha)),
        ("GET /graph/analytics/communities", beta => AssertAnalyticsHideAlphaAsync(beta, "/graph/analytics/communities?limit=10000", alpha)),
        ("GET /graph/analytics/patterns", beta => AssertAnalyticsHideAlphaAsync(beta, "/graph/analytics/patterns?kind=triangles&limit=10000", alpha)),
        ("GET /graph/analytics/path", async beta =>
            await Problem.AssertAsync(
                await Server.SendAsync(HttpMethod.Get, $"/graph/analytics/path?from={alpha.EntityId}&to={alpha.EntityId}", beta), HttpStatusCode.NotFound, "graph.entity_not_found")),
        ("GET /graph/analytics/khop", async beta =>
            await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/graph/analytics/khop?node={alpha.EntityId}", beta), HttpStatusCode.NotFound, "graph.entity_not_found")),

        // Flags take the tenant from the token only, so no request names alpha; FlagsEndpointTests cover the values.
        ("GET /flags", async beta =>
        {
            using var response = await Server.SendAsync(HttpMethod.Get, "/flags", beta);
            Assert.DoesNotContain("alpha", await response.TextAsync(), StringComparison.Ordinal);
        }),
    ];

    private async Task AssertAnalyticsHideAlphaAsync(string beta, string path, AlphaRows alpha)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, path, beta);
        var body = await response.TextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(alpha.EntityId, body, StringComparison.Ordinal);
        Assert.DoesNotContain(alpha.EntityLabel, body, StringComparison.Ordinal);
    }

    private async Task<AlphaRows> SeedAlphaAsync()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var claimId = Ids.New("alpha-claim");
        var claimBody = $$"""{"id":"{{claimId}}","secret":"alpha only"}""";
        var sealableId = Ids.New("alpha-unsealed");
        var caseId = Ids.New("alpha-case");
        var taskId = Ids.New("alpha-task");
        var reportId = Ids.New("alpha-report");

        await SendCreatedAsync(HttpMethod.Post, "/ledger/claims", token, claimBody);
        await SendCreatedAsync(HttpMethod.Post, "/ledger/claims", token, $$"""{"id":"{{sealableId}}"}""");
        var manifest = await SendCreatedAsync(HttpMethod.Post, "/ledger/manifests", token, $$"""{"claimIds":["{{claimId}}"]}""");
        await SendCreatedAsync(HttpMethod.Post, "/cases", token, $$"""{"id":"{{caseId}}","name":"alpha case"}""");
        await SendCreatedAsync(HttpMethod.Post, $"/cases/{caseId}/tasks", token, $$"""{"id":"{{taskId}}","title":"alpha task"}""");
        await SendCreatedAsync(HttpMethod.Post, $"/cases/{caseId}/reports", token, $$"""{"id":"{{reportId}}","title":"alpha report"}""");

        var entityId = Ids.New("alpha-entity");
        var label = Ids.New("AlphaLabel");
        await using (var stores = await Server.OpenStoresAsync(Token))
        {
            await stores.Graph.InsertEntityAsync(TenantId.Parse("alpha"), new GraphEntity(entityId, label, "intrusion-set", null, "2025-01-01T00:00:00Z"), null, Token);
        }

        return new AlphaRows(claimId, claimBody, sealableId, manifest.GetProperty("manifestId").GetString()!, caseId, taskId, reportId, entityId, label);
    }

    private async Task AssertAlphaUnchangedAsync(AlphaRows alpha)
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var claim = await Server.SendAsync(HttpMethod.Get, $"/ledger/claims/{alpha.ClaimId}", token);
        using var caseResponse = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}", token);
        using var task = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}/tasks/{alpha.TaskId}", token);
        using var report = await Server.SendAsync(HttpMethod.Get, $"/cases/{alpha.CaseId}/reports/{alpha.ReportId}", token);
        using var entity = await Server.SendAsync(HttpMethod.Get, $"/graph/entities/{alpha.EntityId}", token);

        Assert.Contains($"\"claim\":{alpha.ClaimBody}", await claim.TextAsync(), StringComparison.Ordinal);
        var caseJson = await caseResponse.JsonAsync();
        Assert.Equal("alpha case", caseJson.GetProperty("name").GetString());
        Assert.Equal("open", caseJson.GetProperty("status").GetString());
        Assert.Equal("alpha task", (await task.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal("alpha report", (await report.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, entity.StatusCode);

        await using var stores = await Server.OpenStoresAsync(Token);
        Assert.Contains(alpha.SealableClaimId, await stores.Manifests.FindUnsealedAsync(TenantId.Parse("alpha"), [alpha.SealableClaimId], Token));
        var budget = await stores.Budgets.FindAsync(TenantId.Parse("alpha"), Token);
        Assert.True(budget is null || budget.MaxMilliseconds != 1, "Beta changed alpha's budget.");
    }

    private async Task<JsonElement> SendCreatedAsync(HttpMethod method, string path, string token, string body)
    {
        using var response = await Server.SendAsync(method, path, token, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{method} {path} answered {(int)response.StatusCode}: {await response.TextAsync()}");
        return await response.JsonAsync();
    }
}
