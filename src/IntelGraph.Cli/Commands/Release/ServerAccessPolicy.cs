using IntelGraph.Release.Target;
using IntelGraph.Server.Access;

namespace IntelGraph.Cli.Commands.Release;

/// <summary>The server's role × endpoint matrix in the form the gates check a target against.</summary>
internal static class ServerAccessPolicy
{
    public static AccessPolicy Create() => new([.. AccessMatrix.Rules.Select(rule => new PolicyRule(
        rule.Method,
        rule.Route,
        rule.Kind switch
        {
            AccessKind.Public => PolicyAccess.Public,
            AccessKind.Authenticated => PolicyAccess.Authenticated,
            AccessKind.Roles => PolicyAccess.Roles,
            _ => PolicyAccess.TenantRoles,
        },
        AccessMatrix.RoleNames(rule.Roles)))]);
}
