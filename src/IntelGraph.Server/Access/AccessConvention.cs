using Microsoft.AspNetCore.Authorization;

namespace IntelGraph.Server.Access;

/// <summary>Applies the <see cref="AccessMatrix"/> row of each endpoint as its authorization metadata.</summary>
internal static class AccessConvention
{
    /// <summary>Looks up every endpoint of the builder in the matrix when the endpoints are built; an endpoint without a row stops the start.</summary>
    public static TBuilder RequireMatrixAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(Apply);
        return builder;
    }

    private static void Apply(EndpointBuilder endpoint)
    {
        var route = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText
            ?? throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' has no route pattern, so the access matrix cannot cover it.");
        // A group's root route ("" under "/me") comes out as "/me/"; the matrix lists it as "/me".
        route = "/" + route.Trim('/');

        var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(metadata => metadata.HttpMethods).ToList();
        if (methods.Count != 1)
        {
            throw new InvalidOperationException($"Endpoint '{route}' must accept exactly one HTTP method to have one row in the access matrix; it accepts {methods.Count}.");
        }

        var rule = AccessMatrix.Find(methods[0], route)
            ?? throw new InvalidOperationException($"Endpoint {methods[0]} {route} has no row in AccessMatrix.Rules. Add a row that lists who may call it.");

        if (rule.Kind == AccessKind.Public)
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
            return;
        }

        // No scheme named here: the bearer scheme is the default, so authorization reuses the authentication
        // middleware's result instead of authenticating the token a second time.
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser();
        if (rule.Kind is AccessKind.Roles or AccessKind.TenantRoles)
        {
            policy.RequireRole(AccessMatrix.RoleNames(rule.Roles));
        }

        if (rule.Kind == AccessKind.TenantRoles)
        {
            policy.AddRequirements(new TenantClaimRequirement());
        }

        endpoint.Metadata.Add(rule);
        endpoint.Metadata.Add(policy.Build());
    }
}
