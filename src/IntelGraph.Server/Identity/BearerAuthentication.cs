using IntelGraph.Server.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace IntelGraph.Server.Identity;

/// <summary>
/// JWT bearer validation against the issuer's discovery document, so a Keycloak realm URL works as
/// the authority without any other setting.
/// </summary>
internal static class BearerAuthentication
{
    // Asymmetric algorithms only: Keycloak signs with RS256 by default, and an HMAC algorithm would let
    // anyone holding a public key forge tokens if a library ever used that key as an HMAC secret.
    private static readonly string[] _allowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static void AddBearerAuthentication(this IServiceCollection services, AuthOptions options, IssuerSettings issuer)
    {
        services.AddSingleton<AccessTokenHandler>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokenHandler>((bearer, handler) =>
            {
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(handler);
            });

        services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(bearer =>
            {
                bearer.Authority = issuer.Authority.AbsoluteUri;
                bearer.RequireHttpsMetadata = options.RequireHttpsMetadata && !issuer.IsLoopbackHttp;
                bearer.MapInboundClaims = false;

                // The 401 never states why a token failed, so OnChallenge below writes the header itself.
                bearer.IncludeErrorDetails = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer.Authority.AbsoluteUri,
                    ValidAudience = options.Audience,
                    ValidAlgorithms = _allowedAlgorithms,
                    ClockSkew = TimeSpan.FromSeconds(Math.Max(0, options.ClockSkewSeconds)),

                    // A token must name its signing key. A kid that matches no published key is rejected,
                    // instead of the signature being tried against every key of the issuer.
                    TryAllIssuerSigningKeys = false,
                    NameClaimType = TokenClaims.PreferredUsername,
                    RoleClaimType = TokenClaims.Role,
                };
                bearer.Events = new JwtBearerEvents
                {
                    // RFC 6750's challenge without the reason: a rejected token gets error="invalid_token", a missing one nothing more.
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                        return Task.CompletedTask;
                    },
                };
            });
    }
}
