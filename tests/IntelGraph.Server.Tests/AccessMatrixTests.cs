using System.Net;
using IntelGraph.Server.Access;
using IntelGraph.Server.Freeze;
using Microsoft.AspNetCore.Routing;

namespace IntelGraph.Server.Tests;

/// <summary>Every endpoint against every role: allowed roles get past authorization, the others get a 403 problem.</summary>
public sealed class AccessMatrixTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    public static TheoryData<string, string, string> EndpointsByRole()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in EndpointCatalog.All())
        {
            foreach (var role in DevClients.Roles.Append("none"))
            {
                data.Add(endpoint.Method, endpoint.Route, role);
            }
        }

        return data;
    }

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in EndpointCatalog.All())
        {
            data.Add(endpoint.Method, endpoint.Route);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EndpointsByRole))]
    public async Task Role_gets_exactly_its_matrix_access(string method, string route, string role)
    {
        var endpoint = EndpointCatalog.All().Single(candidate => candidate.Method == method && candidate.Route == route);
        var client = role == "none" ? DevClients.NoRoles("alpha") : DevClients.Client("alpha", role);
        var token = await Server.TokenAsync(client);

        using var response = await Server.SendAsync(new HttpMethod(method), endpoint.Path, token, endpoint.Body);

        var allowed = endpoint.Expected is Expected.Public or Expected.AnyToken || endpoint.AllowedRoles.Contains(role);
        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{endpoint} answered {(int)response.StatusCode}: {await response.TextAsync()}");
        }
        else
        {
            await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "auth.role_not_allowed");
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Request_without_token_is_public_only(string method, string route)
    {
        var endpoint = EndpointCatalog.All().Single(candidate => candidate.Method == method && candidate.Route == route);

        using var response = await Server.SendAsync(new HttpMethod(method), endpoint.Path, token: null, endpoint.Body);

        if (endpoint.Expected == Expected.Public)
        {
            // The JWK Set of a tenant without a key is a 404; anything but 401 shows the endpoint is public.
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{endpoint} answered {(int)response.StatusCode}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Empty(await response.BytesAsync());
        }
    }

    [Fact]
    public void Catalog_covers_every_mapped_endpoint()
    {
        var mapped = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(endpoint => $"{endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Single()} /{endpoint.RoutePattern.RawText!.Trim('/')}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var catalog = EndpointCatalog.All().Select(endpoint => $"{endpoint.Method} {endpoint.Route}").Order(StringComparer.Ordinal).ToList();
        var matrix = AccessMatrix.Rules.Select(rule => $"{rule.Method} {rule.Route}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(catalog, mapped);
        Assert.Equal(catalog, matrix);
    }

    [Fact]
    public void Catalog_marks_the_same_writes_as_server()
    {
        var serverWrites = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<WriteEndpointMetadata>() is not null)
            .Select(endpoint => $"{endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Single()} /{endpoint.RoutePattern.RawText!.Trim('/')}")
            .Order(StringComparer.Ordinal);
        var catalogWrites = EndpointCatalog.All().Where(endpoint => endpoint.IsWrite).Select(endpoint => endpoint.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(catalogWrites, serverWrites);
    }

    [Fact]
    public async Task Client_role_from_resource_access_counts()
    {
        var token = await Server.TokenAsync(DevClients.ClientRoleLead("alpha"));

        using var me = await Server.SendAsync(HttpMethod.Get, "/me", token);
        using var createCase = await Server.SendAsync(HttpMethod.Post, "/cases", token, """{"name":"client role case"}""");
        using var setBudget = await Server.SendAsync(HttpMethod.Post, "/budget/init", token, """{"tenant":"alpha","ms":2500,"rows":100000}""");

        Assert.Contains("\"roles\":[\"lead\"]", await me.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, createCase.StatusCode);
        await Problem.AssertAsync(setBudget, HttpStatusCode.Forbidden, "auth.role_not_allowed");
    }

    [Fact]
    public async Task Token_without_tenant_is_refused_tenant_endpoints()
    {
        var token = await Server.TokenAsync(DevClients.NoTenantAdmin);

        foreach (var endpoint in EndpointCatalog.All().Where(endpoint => endpoint.Expected == Expected.Roles && !endpoint.IsDeploymentWide))
        {
            using var response = await Server.SendAsync(new HttpMethod(endpoint.Method), endpoint.Path, token, endpoint.Body);
            await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "auth.tenant_missing");
        }

        using var freeze = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", token);
        using var metrics = await Server.SendAsync(HttpMethod.Get, "/metrics", token);
        Assert.Equal(HttpStatusCode.OK, freeze.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
