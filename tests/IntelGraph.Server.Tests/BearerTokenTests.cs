using System.Net;
using Microsoft.IdentityModel.Tokens;

namespace IntelGraph.Server.Tests;

/// <summary>
/// Tokens the server must reject with a bare 401. Each forged token differs from a valid one in one
/// respect only; the first test shows that the unchanged forgery is accepted.
/// </summary>
public sealed class BearerTokenTests(SharedServer shared)
{
    private const string ProtectedPath = "/ledger/claims?limit=1";

    private ServerHost Server => shared.Host;

    [Fact]
    public async Task Valid_forged_token_is_accepted()
    {
        var forge = await ForgeAsync();

        using var response = await Server.SendAsync(HttpMethod.Get, ProtectedPath, forge.Sign());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Missing_token_gets_bare_challenge()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, ProtectedPath);

        await AssertRejectedAsync(response, expectedChallenge: "Bearer");
    }

    public static TheoryData<string> BadTokens() =>
    [
        "expired",
        "not-yet-valid",
        "wrong-audience",
        "wrong-issuer",
        "untrusted-key",
        "unknown-key-id",
        "tampered-payload",
        "alg-none",
        "hmac-with-public-key",
        "identity-token-type",
        "garbage",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_token_gets_bare_invalid_token_challenge(string fault)
    {
        var forge = await ForgeAsync();
        var now = DateTime.UtcNow;
        var token = fault switch
        {
            "expired" => forge.Sign(notBefore: now.AddMinutes(-30), expires: now.AddMinutes(-10)),
            "not-yet-valid" => forge.Sign(notBefore: now.AddMinutes(10), expires: now.AddMinutes(30)),
            "wrong-audience" => forge.Sign(audience: "another-api"),
            "wrong-issuer" => forge.Sign(issuer: "http://127.0.0.1:1/auth/realms/intelgraph"),
            "untrusted-key" => forge.Sign(key: forge.UntrustedKeyWithTrustedKeyId()),
            "unknown-key-id" => forge.Sign(key: forge.TrustedKeyWithUnknownKeyId()),
            "tampered-payload" => TokenForge.WithPayloadTenant(await Server.TokenAsync(DevClients.AllRoles("alpha")), "beta"),
            "alg-none" => forge.Unsigned(),
            "hmac-with-public-key" => forge.Sign(key: forge.PublicKeyAsHmacSecret(), algorithm: SecurityAlgorithms.HmacSha256),
            "identity-token-type" => forge.Sign(claims: WithTokenType(forge, "ID"), tokenType: "JWT"),
            "garbage" => "not.a.token",
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault."),
        };

        using var response = await Server.SendAsync(HttpMethod.Get, ProtectedPath, token);

        await AssertRejectedAsync(response, expectedChallenge: "Bearer error=\"invalid_token\"");
    }

    [Fact]
    public async Task Keycloak_typed_token_is_accepted()
    {
        var forge = await ForgeAsync();

        // Keycloak writes typ JWT in the header and typ Bearer in the payload.
        using var response = await Server.SendAsync(HttpMethod.Get, ProtectedPath, forge.Sign(tokenType: "JWT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_tenant_claim_is_forbidden()
    {
        var forge = await ForgeAsync();
        var claims = forge.ValidClaims(tenant: "Not A Tenant!");

        using var response = await Server.SendAsync(HttpMethod.Get, ProtectedPath, forge.Sign(claims));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "auth.tenant_missing");
    }

    [Fact]
    public async Task Two_tenant_token_shows_no_tenant()
    {
        var forge = await ForgeAsync();
        var claims = forge.ValidClaims();
        claims["tenant"] = new[] { "alpha", "beta" };
        var token = forge.Sign(claims);

        using var me = await Server.SendAsync(HttpMethod.Get, "/me", token);
        using var cases = await Server.SendAsync(HttpMethod.Get, "/cases", token);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await me.JsonAsync()).GetProperty("tenant").ValueKind);
        await Problem.AssertAsync(cases, HttpStatusCode.Forbidden, "auth.tenant_missing");
    }

    [Fact]
    public async Task Role_claim_outside_realm_access_is_ignored()
    {
        var forge = await ForgeAsync();
        var claims = forge.ValidClaims();
        claims.Remove("realm_access");
        claims["intelgraph_role"] = "admin";
        claims["roles"] = new[] { "admin" };

        using var response = await Server.SendAsync(HttpMethod.Get, ProtectedPath, forge.Sign(claims));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "auth.role_not_allowed");
    }

    private async Task<TokenForge> ForgeAsync()
    {
        // The key file exists once the issuer has started, which the shared server has.
        await Server.TokenAsync(DevClients.AllRoles("alpha"));
        return new TokenForge(Server);
    }

    private static Dictionary<string, object> WithTokenType(TokenForge forge, string type)
    {
        var claims = forge.ValidClaims();
        claims["typ"] = type;
        return claims;
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string expectedChallenge)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(expectedChallenge, response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(await response.BytesAsync());
    }
}
