using System.Security.Claims;
using IntelGraph.Server.Access;

namespace IntelGraph.Server.Observability;

/// <summary>The tenant that spans and log scopes carry for a request.</summary>
internal static class TenantLabel
{
    /// <summary>The value for requests without a validated token, such as calls to public endpoints.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The value for a validated token that names no valid tenant, or two different ones.</summary>
    public const string None = "none";

    /// <summary>
    /// Returns the validated token's tenant. The user is only authenticated after the bearer handler has
    /// checked the token's signature, issuer, audience and lifetime, so an unchecked claim never gets here.
    /// </summary>
    public static string Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        return TokenTenant.Of(user)?.Value ?? None;
    }
}
