namespace IntelGraph.Server.Identity;

/// <summary>The access-token claims IntelGraph reads, in the shape Keycloak issues them.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string PreferredUsername = "preferred_username";
    public const string AuthorizedParty = "azp";
    public const string Tenant = "tenant";
    public const string Groups = "groups";

    /// <summary>Keycloak's realm roles: <c>{"roles": [...]}</c>.</summary>
    public const string RealmAccess = "realm_access";

    /// <summary>Keycloak's client roles: <c>{"&lt;client id&gt;": {"roles": [...]}}</c>.</summary>
    public const string ResourceAccess = "resource_access";

    /// <summary>Keycloak's token type claim: <c>Bearer</c> for access tokens, <c>ID</c> for identity tokens.</summary>
    public const string TokenType = "typ";

    /// <summary>
    /// The claim type that authorization checks read roles from. Only <see cref="KeycloakRoleMapper"/>
    /// adds it, from realm_access and resource_access, so a token cannot grant itself roles through a
    /// claim of this name.
    /// </summary>
    public const string Role = "intelgraph_role";
}
