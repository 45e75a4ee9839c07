using System.Net;

namespace IntelGraph.Server.Tests;

public sealed class HealthEndpointTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    [Fact]
    public async Task Health_endpoints_need_no_token()
    {
        using var health = await Server.SendAsync(HttpMethod.Get, "/healthz");
        using var ready = await Server.SendAsync(HttpMethod.Get, "/readyz");
        using var status = await Server.SendAsync(HttpMethod.Get, "/status");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ready", (await ready.JsonAsync()).GetProperty("status").GetString());
        var body = await status.JsonAsync();
        Assert.Equal(Server.Issuer, body.GetProperty("issuer").GetString());
        Assert.True(body.GetProperty("schemaVersion").GetInt32() >= 1);
    }

    [Fact]
    public async Task Readiness_fails_on_a_newer_schema()
    {
        await using var server = await ServerHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        // A newer intelgraph has upgraded the database under this server.
        await IntelGraph.Testing.TestStores.ExecuteAsync(
            server.Store, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', '2030-01-01T00:00:00Z');");

        using var ready = await server.SendAsync(HttpMethod.Get, "/readyz");
        using var health = await server.SendAsync(HttpMethod.Get, "/healthz");

        // An idle pooled connection reads the version and reports it outdated; a new connection refuses to open the newer schema.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var code = (await ready.JsonAsync()).GetProperty("code").GetString();
        Assert.Contains(code, new[] { "store.schema_outdated", "store.unavailable" });
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/openapi/v1.json");

        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var route in new[] { "/ledger/claims", "/ledger/manifests", "/budget/check", "/cases/{caseId}/tasks/{taskId}", "/graph/entities/{entityId}/neighbours", "/admin/freeze" })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"The OpenAPI document lacks {route}.");
        }
    }
}
