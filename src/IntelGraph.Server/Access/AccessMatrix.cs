namespace IntelGraph.Server.Access;

/// <summary>The roles IntelGraph grants, as Keycloak realm or client roles name them.</summary>
[Flags]
public enum Roles
{
    None = 0,
    Analyst = 1,
    Lead = 2,
    Admin = 4,
    Auditor = 8,
}

/// <summary>Who may call an endpoint.</summary>
public enum AccessKind
{
    /// <summary>Anyone, without a token.</summary>
    Public,

    /// <summary>Any valid token, whatever its roles and tenant.</summary>
    Authenticated,

    /// <summary>A valid token with one of the listed roles; the tenant claim is not needed.</summary>
    Roles,

    /// <summary>A valid token with one of the listed roles and a valid <c>tenant</c> claim; the endpoint acts on that tenant only.</summary>
    TenantRoles,
}

/// <summary>One row of the role × endpoint matrix.</summary>
/// <param name="Route">The route template as mapped, for example <c>/cases/{caseId}</c>.</param>
public sealed record AccessRule(string Method, string Route, AccessKind Kind, Roles Roles);

/// <summary>
/// The role × endpoint matrix: the single place that decides who may call which endpoint. Every mapped
/// endpoint must have a row, or the server refuses to start (see <see cref="AccessConvention"/>).
/// docs/api.md shows the same table.
/// </summary>
public static class AccessMatrix
{
    private const Roles Everyone = Roles.Analyst | Roles.Lead | Roles.Admin | Roles.Auditor;
    private const Roles Writers = Roles.Analyst | Roles.Lead | Roles.Admin;
    private const Roles Leads = Roles.Lead | Roles.Admin;
    private const Roles Admins = Roles.Admin;

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        Public("GET", "/healthz"),
        Public("GET", "/readyz"),
        Public("GET", "/status"),
        Public("GET", "/.well-known/jwks.json"),
        Public("GET", "/openapi/{documentName}.json"),

        new("GET", "/me", AccessKind.Authenticated, Roles.None),

        Tenant("GET", "/ledger/claims", Everyone),
        Tenant("POST", "/ledger/claims", Writers),
        Tenant("GET", "/ledger/claims/{claimId}", Everyone),
        Tenant("POST", "/ledger/manifests", Leads),
        Tenant("GET", "/ledger/manifests/{manifestId}/export", Everyone),

        Tenant("POST", "/budget/init", Admins),
        Tenant("POST", "/budget/check", Everyone),

        Tenant("GET", "/cases", Everyone),
        Tenant("POST", "/cases", Leads),
        Tenant("GET", "/cases/{caseId}", Everyone),
        Tenant("PUT", "/cases/{caseId}", Leads),
        Tenant("GET", "/cases/{caseId}/tasks", Everyone),
        Tenant("POST", "/cases/{caseId}/tasks", Writers),
        Tenant("GET", "/cases/{caseId}/tasks/{taskId}", Everyone),
        Tenant("PUT", "/cases/{caseId}/tasks/{taskId}", Writers),
        Tenant("GET", "/cases/{caseId}/reports", Everyone),
        Tenant("POST", "/cases/{caseId}/reports", Writers),
        Tenant("GET", "/cases/{caseId}/reports/{reportId}", Everyone),
        Tenant("PUT", "/cases/{caseId}/reports/{reportId}", Writers),

        Tenant("GET", "/graph/entities", Everyone),
        Tenant("GET", "/graph/entities/{entityId}", Everyone),
        Tenant("GET", "/graph/entities/{entityId}/neighbours", Everyone),
        Tenant("POST", "/graph/query", Everyone),
        Tenant("POST", "/graph/nl", Everyone),
        Tenant("POST", "/graph/nl/execute", Everyone),
        Tenant("GET", "/graph/analytics/pagerank", Everyone),
        Tenant("GET", "/graph/analytics/degree", Everyone),
        Tenant("GET", "/graph/analytics/betweenness", Everyone),
        Tenant("GET", "/graph/analytics/communities", Everyone),
        Tenant("GET", "/graph/analytics/path", Everyone),
        Tenant("GET", "/graph/analytics/khop", Everyone),
        Tenant("GET", "/graph/analytics/patterns", Everyone),

        // Every role reads its own flags, evaluated for the token's tenant, subject and groups.
        Tenant("GET", "/flags", Everyone),

        // The freeze covers the whole deployment, not one tenant.
        new("GET", "/admin/freeze", AccessKind.Roles, Admins),
        new("PUT", "/admin/freeze", AccessKind.Roles, Admins),
        new("DELETE", "/admin/freeze", AccessKind.Roles, Admins),

        // Admin-only because the budget denial counter is labelled by tenant. Like the freeze it covers
        // the whole deployment; a scraper authenticates as a client with the admin role.
        new("GET", "/metrics", AccessKind.Roles, Admins),
    ];

    public static AccessRule? Find(string method, string route) =>
        Rules.FirstOrDefault(rule =>
            string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(rule.Route, route, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the role names of a flag set, as they appear in tokens: analyst, lead, admin, auditor.</summary>
    public static IReadOnlyList<string> RoleNames(Roles roles) =>
        Enum.GetValues<Roles>()
            .Where(role => role != Roles.None && roles.HasFlag(role))
            .Select(role => role.ToString().ToLowerInvariant())
            .ToList();

    private static AccessRule Public(string method, string route) => new(method, route, AccessKind.Public, Roles.None);

    private static AccessRule Tenant(string method, string route, Roles roles) => new(method, route, AccessKind.TenantRoles, roles);
}
