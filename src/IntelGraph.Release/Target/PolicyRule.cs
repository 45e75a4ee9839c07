namespace IntelGraph.Release.Target;

/// <summary>Who may call an endpoint, as the server's role × endpoint matrix defines it.</summary>
public enum PolicyAccess
{
    /// <summary>Anyone, without a token.</summary>
    Public,

    /// <summary>Any valid token.</summary>
    Authenticated,

    /// <summary>A token with one of the rule's roles.</summary>
    Roles,

    /// <summary>A token with one of the rule's roles and a tenant claim.</summary>
    TenantRoles,
}

/// <summary>One row of the role × endpoint matrix, independent of the server's own types so the gates need no server code.</summary>
/// <param name="Route">The route template, such as <c>/cases/{caseId}</c>.</param>
/// <param name="Roles">The allowed role names (analyst, lead, admin, auditor); empty for public and authenticated rows.</param>
public sealed record PolicyRule(string Method, string Route, PolicyAccess Access, IReadOnlyList<string> Roles)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>The role × endpoint matrix the gates check the target against.</summary>
public sealed class AccessPolicy(IReadOnlyList<PolicyRule> rules)
{
    public IReadOnlyList<PolicyRule> Rules { get; } = rules;

    /// <summary>Every role some rule allows.</summary>
    public IReadOnlySet<string> KnownRoles => Rules.SelectMany(rule => rule.Roles).ToHashSet(StringComparer.Ordinal);

    public PolicyRule? Find(string method, string route) =>
        Rules.FirstOrDefault(rule => string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(rule.Route, route, StringComparison.Ordinal));

    /// <summary>Returns the first caller with a tenant that the rule allows, or null.</summary>
    public TargetCaller? FindAllowedCaller(IEnumerable<TargetCaller> callers, string method, string route)
    {
        var rule = Find(method, route);
        return rule is null ? null : callers.FirstOrDefault(caller => caller.Tenant is not null && caller.HasAnyRole(rule.Roles));
    }
}
