using IntelGraph.Server.Http;
using IntelGraph.Server.Observability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace IntelGraph.Server.Access;

/// <summary>
/// Writes a 403 problem naming the failed rule when authorization rejects a request. A missing or
/// invalid token keeps the default: a 401 with only the WWW-Authenticate header. It also counts the
/// policy decisions: allowed or denied (403) on endpoints with an access matrix row that needs a token.
/// </summary>
internal sealed class ForbiddenProblemHandler(IProblemDetailsService problemDetails, ServerMetrics metrics) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // A 401 is no policy decision, because there is no validated caller to decide about. Requests to
        // unknown paths meet only the fallback policy and have no matrix row, so they are not counted either.
        if (context.GetEndpoint()?.Metadata.GetMetadata<AccessRule>() is not null && (authorizeResult.Succeeded || authorizeResult.Forbidden))
        {
            metrics.RecordPolicyDecision(allowed: authorizeResult.Succeeded);
        }

        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        var (code, detail) = failed.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is { } roles
            ? (ErrorCodes.RoleNotAllowed, $"This endpoint requires one of the roles {string.Join(", ", roles.AllowedRoles)}; the token has none of them.")
            : (ErrorCodes.TenantMissing, "This endpoint acts on one tenant, but the token has no single valid 'tenant' claim.");

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = detail,
                Extensions = { [Problems.CodeMember] = code },
            },
        });
    }
}
