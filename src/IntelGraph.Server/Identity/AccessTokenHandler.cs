using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntelGraph.Server.Identity;

/// <summary>
/// Validates bearer tokens as <see cref="JsonWebTokenHandler"/> does, accepts access tokens only, maps
/// their Keycloak roles onto the identity and remembers each valid token for a short while. A client
/// sends the same access token with every request until it expires, and checking its signature each
/// time cost more than the rest of a budget check together.
/// </summary>
/// <remarks>
/// Only tokens that passed every check are remembered, keyed by their exact text, and never past their
/// own expiry. NOTE: a signing key withdrawn by the issuer keeps working for the tokens it signed for up
/// to <see cref="MaxAge"/>.
/// </remarks>
internal sealed class AccessTokenHandler : JsonWebTokenHandler, IDisposable
{
    /// <summary>The longest a validated token is trusted without checking it again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    /// <summary>How many tokens are remembered at most; past that, new tokens are checked every time until room frees up.</summary>
    public const int Capacity = 10_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly TimeProvider _timeProvider;

    public AccessTokenHandler(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _timeProvider.GetUtcNow();
        if (_validated.TryGetValue(token, out ValidatedToken? known) && known!.TrustedUntil > now)
        {
            return known.ToResult();
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken validated || result.ClaimsIdentity is not { } identity)
        {
            return result;
        }

        // An identity token of the same client carries the same audience, so it must not pass as an access token.
        if (!KeycloakRoleMapper.IsAccessToken(validated))
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException("The token is not an access token.") };
        }

        KeycloakRoleMapper.AddRoles(identity, validationParameters.ValidAudience);

        // The token's own expiry, with the clock skew the validator allows, bounds how long it is trusted.
        var expires = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew;
        var trustedUntil = expires < now + MaxAge ? expires : now + MaxAge;

        // A request may change its identity later, so the cache keeps a copy of its own.
        var entry = new ValidatedToken(validated, identity.Clone(), result.Issuer, trustedUntil);
        _validated.Set(token, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = trustedUntil });
        return result;
    }

    public void Dispose() => _validated.Dispose();

    /// <summary>A token that passed validation, with its identity as validation left it.</summary>
    private sealed record ValidatedToken(JsonWebToken Token, ClaimsIdentity Identity, string? Issuer, DateTimeOffset TrustedUntil)
    {
        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity.Clone(),
            Issuer = Issuer,
        };
    }
}
