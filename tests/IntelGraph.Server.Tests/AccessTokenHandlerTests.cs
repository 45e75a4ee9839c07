using System.Security.Claims;
using System.Security.Cryptography;
using IntelGraph.Server.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntelGraph.Server.Tests;

/// <summary>
/// Tests of the bearer handler's token cache. A cached token is validated again once its own expiry or
/// the cache's maximum age has passed. Each request gets its own copy of the identity, and a rejected
/// token is never cached.
/// </summary>
public sealed class AccessTokenHandlerTests
{
    private const string Issuer = "http://127.0.0.1:9/auth/realms/intelgraph";
    private const string Audience = "intelgraph-api";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Valid_token_gets_roles_from_realm_access()
    {
        using var handler = new AccessTokenHandler(_clock);

        var result = await handler.ValidateTokenAsync(Sign(TimeSpan.FromMinutes(10)), Parameters(_key));

        Assert.True(result.IsValid);
        Assert.Equal(["analyst", "lead"], result.ClaimsIdentity.FindAll(TokenClaims.Role).Select(claim => claim.Value).Order());
    }

    [Fact]
    public async Task Token_rechecked_after_max_age()
    {
        using var handler = new AccessTokenHandler(_clock);
        var token = Sign(TimeSpan.FromMinutes(10));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);

        // With a key that no longer verifies the signature, only a cache hit can still accept the token.
        var rotated = Parameters(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" });
        Assert.True((await handler.ValidateTokenAsync(token, rotated)).IsValid);

        _clock.Advance(AccessTokenHandler.MaxAge + TimeSpan.FromSeconds(1));
        Assert.False((await handler.ValidateTokenAsync(token, rotated)).IsValid);
    }

    [Fact]
    public async Task Token_rechecked_once_expired()
    {
        using var handler = new AccessTokenHandler(_clock);
        var token = Sign(TimeSpan.FromSeconds(20));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);
        var rotated = Parameters(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" });

        _clock.Advance(TimeSpan.FromSeconds(21));

        Assert.True(TimeSpan.FromSeconds(21) < AccessTokenHandler.MaxAge);
        Assert.False((await handler.ValidateTokenAsync(token, rotated)).IsValid);
    }

    [Fact]
    public async Task Each_request_gets_its_own_identity()
    {
        using var handler = new AccessTokenHandler(_clock);
        var token = Sign(TimeSpan.FromMinutes(10));
        var first = await handler.ValidateTokenAsync(token, Parameters(_key));
        var second = await handler.ValidateTokenAsync(token, Parameters(_key));

        second.ClaimsIdentity.AddClaim(new Claim(TokenClaims.Role, "admin"));
        var third = await handler.ValidateTokenAsync(token, Parameters(_key));

        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.DoesNotContain(third.ClaimsIdentity.FindAll(TokenClaims.Role), claim => claim.Value == "admin");
        Assert.DoesNotContain(first.ClaimsIdentity.FindAll(TokenClaims.Role), claim => claim.Value == "admin");
    }

    [Fact]
    public async Task Rejected_token_is_not_remembered()
    {
        using var handler = new AccessTokenHandler(_clock);
        var token = Sign(TimeSpan.FromMinutes(10));
        var untrusted = Parameters(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" });

        Assert.False((await handler.ValidateTokenAsync(token, untrusted)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(token, untrusted)).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);
    }

    [Fact]
    public async Task Identity_token_is_rejected()
    {
        using var handler = new AccessTokenHandler(_clock);
        var token = Sign(TimeSpan.FromMinutes(10), tokenType: "JWT", payloadType: "ID");

        Assert.False((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);
    }

    private string Sign(TimeSpan lifetime, string tokenType = "at+jwt", string payloadType = "Bearer")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.AddSeconds(-5),
            NotBefore = now.AddSeconds(-5),
            Expires = now + lifetime,
            TokenType = tokenType,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "subject",
                ["typ"] = payloadType,
                ["tenant"] = "alpha",
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "lead", "analyst" } },
            },
        });
    }

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ClockSkew = TimeSpan.Zero,
        RoleClaimType = TokenClaims.Role,
    };

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
