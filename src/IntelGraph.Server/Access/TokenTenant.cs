using System.Security.Claims;
using IntelGraph.Core;
using IntelGraph.Server.Identity;

namespace IntelGraph.Server.Access;

/// <summary>Reader of the one tenant a validated token acts for.</summary>
internal static class TokenTenant
{
    /// <summary>
    /// Returns the tenant when the token's <c>tenant</c> claims name exactly one valid tenant, possibly
    /// repeated. Returns null for no claim, an invalid name or two different tenants.
    /// </summary>
    public static TenantId? Of(ClaimsPrincipal user)
    {
        string? tenant = null;
        foreach (var claim in user.FindAll(TokenClaims.Tenant))
        {
            if (tenant is not null && !string.Equals(tenant, claim.Value, StringComparison.Ordinal))
            {
                return null;
            }

            tenant = claim.Value;
        }

        return TenantId.TryParse(tenant, out var parsed) ? parsed : null;
    }
}
