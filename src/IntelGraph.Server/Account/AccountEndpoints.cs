using IntelGraph.Server.Access;
using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Account;

/// <summary>What the server made of the caller's token: a first request to check that a token works.</summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/me").WithTags("Account").RequireMatrixAccess();

        group.MapGet("", GetCurrentUser)
            .WithName("GetCurrentUser")
            .WithSummary("Show the subject, tenant, roles and groups the server read from the token.");

        return group;
    }

    internal static Ok<CurrentUser> GetCurrentUser(HttpContext httpContext)
    {
        var user = httpContext.User;
        return TypedResults.Ok(new CurrentUser(
            user.FindFirst(TokenClaims.Subject)?.Value,
            user.FindFirst(TokenClaims.AuthorizedParty)?.Value,
            // The tenant endpoints reject a token with two different tenants, so it shows no tenant here either.
            TokenTenant.Of(user)?.Value,
            [.. user.FindAll(TokenClaims.Role).Select(claim => claim.Value)],
            [.. user.FindAll(TokenClaims.Groups).Select(claim => claim.Value)]));
    }
}

/// <param name="ClientId">The client the token was issued to (<c>azp</c>).</param>
/// <param name="Roles">The realm and client roles together, sorted.</param>
public sealed record CurrentUser(string? Subject, string? ClientId, string? Tenant, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);
