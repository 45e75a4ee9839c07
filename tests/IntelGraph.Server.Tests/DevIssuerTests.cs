using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IntelGraph.Server.Tests;

/// <summary>The embedded development issuer: discovery, keys, the token endpoint and the shape of its tokens.</summary>
public sealed class DevIssuerTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    [Fact]
    public async Task Discovery_names_keycloak_paths()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/auth/realms/intelgraph/.well-known/openid-configuration");

        var discovery = await response.JsonAsync();
        Assert.Equal(Server.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(Server.TokenEndpoint, discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{Server.Issuer}/protocol/openid-connect/certs", discovery.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Token_has_keycloak_shape()
    {
        var token = new JsonWebToken(await Server.TokenAsync(DevClients.ClientRoleLead("alpha")));

        Assert.Equal("RS256", token.Alg);
        Assert.Equal(Server.Issuer, token.Issuer);
        Assert.Contains("intelgraph-api", token.Audiences);
        Assert.Equal("alpha", token.GetPayloadValue<string>("tenant"));
        Assert.Equal("Bearer", token.GetPayloadValue<string>("typ"));
        Assert.Equal("alpha-clientrole-lead", token.GetPayloadValue<string>("azp"));
        var realmAccess = token.GetPayloadValue<JsonElement>("realm_access");
        Assert.Empty(realmAccess.GetProperty("roles").EnumerateArray());
        var resourceAccess = token.GetPayloadValue<JsonElement>("resource_access");
        Assert.Equal(["lead"], resourceAccess.GetProperty("intelgraph-api").GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.Equal(JsonValueKind.Array, token.GetPayloadValue<JsonElement>("groups").ValueKind);
    }

    [Fact]
    public async Task Token_is_signed_by_published_key()
    {
        var token = new JsonWebToken(await Server.TokenAsync(DevClients.AllRoles("alpha")));

        using var certs = await Server.SendAsync(HttpMethod.Get, "/auth/realms/intelgraph/protocol/openid-connect/certs");

        var keyIds = (await certs.JsonAsync()).GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString());
        Assert.Contains(token.Kid, keyIds);
    }

    [Fact]
    public async Task Basic_authentication_works_like_form_secret()
    {
        var client = DevClients.Client("alpha", "auditor");
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client}:{Server.Secrets[client]}")));

        using var response = await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Secret_from_environment_variable_works()
    {
        var client = Server.Secrets.Keys.Single(name => name.StartsWith("env-client-", StringComparison.Ordinal));

        var token = await Server.TokenAsync(client);
        using var me = await Server.SendAsync(HttpMethod.Get, "/me", token);

        Assert.Equal("alpha", (await me.JsonAsync()).GetProperty("tenant").GetString());
    }

    [Theory]
    [InlineData("alpha-admin", "wrong-secret")]
    [InlineData("no-such-client", "whatever")]
    [InlineData("alpha-admin", "")]
    public async Task Bad_client_credentials_are_invalid_client(string clientId, string secret)
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });

        var body = await response.JsonAsync();
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);

        // An empty secret is refused by OpenIddict as a malformed request before the client is looked up.
        Assert.Contains(body.GetProperty("error").GetString(), new[] { "invalid_client", "invalid_request" });
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Password_grant_issues_user_token()
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = DevClients.PasswordClient,
            ["client_secret"] = Server.Secrets[DevClients.PasswordClient],
            ["username"] = DevClients.User,
            ["password"] = Server.Secrets[DevClients.User],
        });
        var token = (await response.JsonAsync()).GetProperty("access_token").GetString();
        using var me = await Server.SendAsync(HttpMethod.Get, "/me", token);

        var user = await me.JsonAsync();
        Assert.Equal(DevClients.User, user.GetProperty("subject").GetString());
        Assert.Equal(["analyst"], user.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.Equal(["internal", "red-team"], user.GetProperty("groups").EnumerateArray().Select(group => group.GetString()));
    }

    [Fact]
    public async Task Wrong_password_is_invalid_grant()
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = DevClients.PasswordClient,
            ["client_secret"] = Server.Secrets[DevClients.PasswordClient],
            ["username"] = DevClients.User,
            ["password"] = "not-the-password",
        });

        Assert.Equal("invalid_grant", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unsupported_grant_is_refused()
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = DevClients.PasswordClient,
            ["client_secret"] = Server.Secrets[DevClients.PasswordClient],
            ["code"] = "x",
            ["redirect_uri"] = "http://127.0.0.1/cb",
        });

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Secrets_and_tokens_never_reach_the_log()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles("beta"));
        using var me = await Server.SendAsync(HttpMethod.Get, "/me", token);
        var lines = Server.Logs.Lines.ToList();

        Assert.Contains(lines, line => line.Contains("[2010]", StringComparison.Ordinal));
        foreach (var secret in Server.Secrets.Values)
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        var signature = token.Split('.')[2];
        Assert.DoesNotContain(lines, line => line.Contains(signature, StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostTokenRequestAsync(Dictionary<string, string> form) =>
        Server.Client.PostAsync(Server.TokenEndpoint, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
}
