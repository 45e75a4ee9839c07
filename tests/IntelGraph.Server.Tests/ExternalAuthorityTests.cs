using System.Net;

namespace IntelGraph.Server.Tests;

/// <summary>
/// A server configured with an external authority, as with a Keycloak realm URL: it finds the keys
/// through the issuer's discovery document. Another IntelGraph server's development issuer plays the realm.
/// </summary>
public sealed class ExternalAuthorityTests(SharedServer shared)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tokens_of_external_issuer_are_accepted()
    {
        var issuer = shared.Host;
        await using var server = await ServerHost.StartAsync(
            settings => settings["IntelGraph:Auth:Authority"] = issuer.Issuer,
            Token);
        var issuerToken = await issuer.TokenAsync(DevClients.AllRoles("beta"));

        using var me = await server.SendAsync(HttpMethod.Get, "/me", issuerToken);
        using var cases = await server.SendAsync(HttpMethod.Get, "/cases", issuerToken);
        using var ownIssuer = await server.SendAsync(HttpMethod.Get, "/auth/realms/intelgraph/.well-known/openid-configuration");
        using var status = await server.SendAsync(HttpMethod.Get, "/status");

        var user = await me.JsonAsync();
        Assert.Equal("beta", user.GetProperty("tenant").GetString());
        Assert.Equal(4, user.GetProperty("roles").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, ownIssuer.StatusCode);
        Assert.Equal(issuer.Issuer, (await status.JsonAsync()).GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Embedded_issuer_tokens_are_not_trusted_elsewhere()
    {
        await using var other = await ServerHost.StartAsync(cancellationToken: Token);
        var foreignToken = await other.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await shared.Host.SendAsync(HttpMethod.Get, "/me", foreignToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }
}
