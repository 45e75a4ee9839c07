using Microsoft.AspNetCore.Authorization;

namespace IntelGraph.Server.Access;

/// <summary>Requires a <c>tenant</c> claim that is a valid tenant name, so tenant-scoped endpoints always know whose data they touch.</summary>
internal sealed class TenantClaimRequirement : AuthorizationHandler<TenantClaimRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantClaimRequirement requirement)
    {
        if (TokenTenant.Of(context.User) is not null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
