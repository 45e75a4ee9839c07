using IntelGraph.Core;
using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Authorization;

namespace IntelGraph.Server.Access;

/// <summary>Requires a <c>tenant</c> claim that is a valid tenant name, so tenant-scoped endpoints always know whose data they touch.</summary>
internal sealed class TenantClaimRequirement : AuthorizationHandler<TenantClaimRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantClaimRequirement requirement)
    {
        var tenants = context.User.FindAll(TokenClaims.Tenant).Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToList();
        if (tenants.Count == 1 && TenantId.TryParse(tenants[0], out _))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
