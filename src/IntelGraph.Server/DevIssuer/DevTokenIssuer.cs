using System.Security.Claims;
using System.Text.Json;
using IntelGraph.Server.Configuration;
using IntelGraph.Server.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IntelGraph.Server.DevIssuer;

/// <summary>
/// Builds the access token of a validated token request in Keycloak's shape: <c>realm_access.roles</c>,
/// <c>resource_access.{audience}.roles</c>, <c>groups</c>, <c>tenant</c>, the audience and <c>typ: Bearer</c>.
/// </summary>
internal sealed class DevTokenIssuer(DevClientCatalog catalog, IOptions<ServerOptions> options, ILogger<DevTokenIssuer> logger)
    : IOpenIddictServerHandler<OpenIddictServerEvents.HandleTokenRequestContext>
{
    private const string ServiceAccountPrefix = "service-account-";

    public ValueTask HandleAsync(OpenIddictServerEvents.HandleTokenRequestContext context)
    {
        var request = context.Request;
        var client = catalog.FindClient(request.ClientId)
            ?? throw new InvalidOperationException($"Client '{request.ClientId}' passed token request validation but is not in the catalog.");

        // A password grant speaks for the user; a client credentials grant for the client's service account.
        var principal = request.IsPasswordGrantType()
            ? catalog.FindUser(request.Username) ?? throw new InvalidOperationException($"User '{request.Username}' passed validation but is not in the catalog.")
            : client;
        var subject = request.IsPasswordGrantType() ? principal.Name : ServiceAccountPrefix + client.Name;

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(TokenClaims.PreferredUsername, subject);
        identity.SetClaim(TokenClaims.AuthorizedParty, client.Name);
        identity.SetClaim(TokenClaims.TokenType, "Bearer");
        if (principal.Tenant is not null)
        {
            identity.SetClaim(TokenClaims.Tenant, principal.Tenant);
        }

        // A JSON_ARRAY claim stays an array even with one group, as Keycloak writes it; plain claims would collapse to a string.
        identity.AddClaim(new Claim(TokenClaims.Groups, JsonSerializer.Serialize(principal.Groups), JsonClaimValueTypes.JsonArray));
        identity.SetClaim(TokenClaims.RealmAccess, JsonSerializer.SerializeToElement(new Dictionary<string, IReadOnlyList<string>> { ["roles"] = principal.RealmRoles }));
        if (principal.ClientRoles.Count > 0)
        {
            var audience = options.Value.Auth.Audience;
            var resourceAccess = new Dictionary<string, Dictionary<string, IReadOnlyList<string>>>
            {
                [audience] = new() { ["roles"] = principal.ClientRoles },
            };
            identity.SetClaim(TokenClaims.ResourceAccess, JsonSerializer.SerializeToElement(resourceAccess));
        }

        identity.SetAudiences(options.Value.Auth.Audience);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);

        ServerLog.TokenIssued(logger, client.Name, subject, principal.Tenant ?? "(none)");
        context.SignIn(new ClaimsPrincipal(identity));
        return ValueTask.CompletedTask;
    }
}
