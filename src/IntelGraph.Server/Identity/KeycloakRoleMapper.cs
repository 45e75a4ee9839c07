using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IntelGraph.Server.Identity;

/// <summary>
/// Reads roles from a validated Keycloak-shaped access token: the realm roles in
/// <c>realm_access.roles</c> and the client roles in <c>resource_access.{audience}.roles</c>.
/// </summary>
internal static class KeycloakRoleMapper
{
    /// <summary>The JOSE header type OpenIddict gives access tokens (RFC 9068).</summary>
    private const string AccessTokenHeaderType = "at+jwt";

    /// <summary>Keycloak's value of the <c>typ</c> claim in access tokens.</summary>
    private const string KeycloakAccessTokenType = "Bearer";

    /// <summary>
    /// Returns true for an access token: header type <c>at+jwt</c> or Keycloak's <c>typ</c> claim <c>Bearer</c>.
    /// An identity token of the same client carries the same audience, so it must not pass as an access token.
    /// </summary>
    public static bool IsAccessToken(JsonWebToken token)
    {
        if (string.Equals(token.Typ, AccessTokenHeaderType, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return token.TryGetPayloadValue<string>(TokenClaims.TokenType, out var type)
            && string.Equals(type, KeycloakAccessTokenType, StringComparison.Ordinal);
    }

    /// <summary>Replaces the identity's role claims with the roles found in its realm_access and resource_access claims.</summary>
    public static void AddRoles(ClaimsIdentity identity, string clientId)
    {
        foreach (var existing in identity.FindAll(TokenClaims.Role).ToList())
        {
            identity.RemoveClaim(existing);
        }

        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var claim in identity.FindAll(TokenClaims.RealmAccess))
        {
            ReadRoles(claim.Value, path: null, roles);
        }

        foreach (var claim in identity.FindAll(TokenClaims.ResourceAccess))
        {
            ReadRoles(claim.Value, path: clientId, roles);
        }

        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(TokenClaims.Role, role));
        }
    }

    /// <summary>Adds the strings of <c>roles</c> in a JSON object, or in its member <paramref name="path"/> when given; anything else is ignored.</summary>
    private static void ReadRoles(string json, string? path, SortedSet<string> roles)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            var element = document.RootElement;
            if (path is not null && (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path, out element)))
            {
                return;
            }

            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("roles", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var role in list.EnumerateArray())
            {
                if (role.ValueKind == JsonValueKind.String)
                {
                    roles.Add(role.GetString()!);
                }
            }
        }
    }
}
