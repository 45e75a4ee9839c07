using System.Reflection;
using IntelGraph.Core;
using IntelGraph.Server.Identity;

namespace IntelGraph.Server.Access;

/// <summary>
/// The authenticated caller of a tenant-scoped endpoint: the tenant of its token and its subject.
/// The endpoint's <see cref="TenantClaimRequirement"/> has already checked the tenant claim.
/// </summary>
public sealed record Caller(TenantId Tenant, string Subject)
{
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var user = context.User;
        var tenantClaim = user.FindFirst(TokenClaims.Tenant)?.Value;
        if (!TenantId.TryParse(tenantClaim, out var tenant))
        {
            throw new InvalidOperationException(
                $"Endpoint parameter '{parameter.Name}' needs a tenant claim, but the endpoint's access rule does not require one. Make its row in AccessMatrix tenant-scoped.");
        }

        var subject = user.FindFirst(TokenClaims.Subject)?.Value ?? string.Empty;
        return ValueTask.FromResult<Caller?>(new Caller(tenant, subject));
    }
}
