using IntelGraph.Core;
using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Authorization;

namespace IntelGraph.Server.Access;

/// <summary>Requires a <c>tenant</c> claim that is a valid tenant name, so tenant-scoped endpoints always know whose data they touch.</summary>
internal sealed class TenantClaimRequirement : AuthorizationHandler<TenantClaimRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantClaimRequirement requirement)
    {
        // One tenant, possibly repeated with the same value; two different tenant claims leave the caller without one.
        string? tenant = null;
        foreach (var claim in context.User.FindAll(TokenClaims.Tenant))
        {
            if (tenant is not null && !string.Equals(tenant, claim.Value, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            tenant = claim.Value;
        }

        if (TenantId.TryParse(tenant, out _))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
