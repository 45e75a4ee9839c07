using System.Text.RegularExpressions;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Gates;

/// <summary>
/// Checks every rule of the role × endpoint matrix against the target: no token gets 401, a caller with
/// an allowed role gets through (any status but 401 and 403), and a caller without one gets 403.
/// Requests that would change data carry a malformed JSON body, so an allowed call is rejected with 400
/// after authorization and writes nothing.
/// </summary>
internal static partial class PolicyProbe
{
    /// <summary>A path parameter value that names nothing, so reads return 404 after authorization.</summary>
    private const string MissingId = "gate-probe-missing";

    private const string MalformedBody = "{";

    public static async Task RunAsync(EvidenceRecorder recorder, GateContext context, CancellationToken cancellationToken)
    {
        var target = context.RequireTarget();
        CallerSet callers = null!;
        await recorder.RunAsync("policy-clients", "Clients cover every role of the matrix", required: true, async () =>
        {
            callers = await CallerSet.SignInAsync(context, cancellationToken).ConfigureAwait(false);
            var heldRoles = callers.Callers.SelectMany(caller => caller.Roles).ToHashSet(StringComparer.Ordinal);
            var missing = context.Policy.KnownRoles.Where(role => !heldRoles.Contains(role)).Order(StringComparer.Ordinal).ToList();
            var data = new Dictionary<string, string> { ["callers"] = callers.Describe() };
            if (callers.Failures.Count > 0)
            {
                return CheckOutcome.Fail("Some clients could not sign in: " + string.Join(" ", callers.Failures), data);
            }

            return CheckOutcome.PassWhen(
                missing.Count == 0,
                $"The clients hold every role of the matrix: {string.Join(", ", context.Policy.KnownRoles.Order(StringComparer.Ordinal))}.",
                $"No configured client holds the role(s) {string.Join(", ", missing)}, so the rules naming them cannot be checked; add such clients.",
                data);
        }).ConfigureAwait(false);

        var frozen = await IsFrozenAsync(target, callers, context, cancellationToken).ConfigureAwait(false);
        foreach (var rule in context.Policy.Rules)
        {
            await recorder.RunAsync($"policy {rule.Method} {rule.Route}", $"Access rule {rule}", required: true,
                () => CheckRuleAsync(target, rule, callers, frozen, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static async Task<CheckOutcome> CheckRuleAsync(TargetClient target, PolicyRule rule, CallerSet callers, bool frozen, CancellationToken cancellationToken)
    {
        var method = new HttpMethod(rule.Method);
        var path = ConcretePath(rule.Route);
        var body = method == HttpMethod.Get || method == HttpMethod.Delete ? null : MalformedBody;
        var observed = new List<string>();
        var problems = new List<string>();

        var anonymous = await target.SendAsync(method, path, null, body, cancellationToken).ConfigureAwait(false);
        observed.Add($"no token {anonymous.Status}");
        var anonymousAllowed = rule.Access == PolicyAccess.Public;
        if (anonymousAllowed ? anonymous.Status is 401 or 403 : anonymous.Status != 401)
        {
            problems.Add($"without a token it returned {anonymous.Status}, expected {(anonymousAllowed ? "no 401 or 403" : "401")}");
        }

        if (rule.Access == PolicyAccess.Authenticated)
        {
            foreach (var caller in callers.Callers)
            {
                var response = await target.SendAsync(method, path, caller.Token, body, cancellationToken).ConfigureAwait(false);
                observed.Add($"{caller.ClientId} {response.Status}");
                if (response.Status is 401 or 403)
                {
                    problems.Add($"{caller.ClientId} got {response.Status}, expected any valid token to get through");
                }
            }
        }
        else if (rule.Access is PolicyAccess.Roles or PolicyAccess.TenantRoles)
        {
            // Ending a freeze is the one allowed call that a malformed body cannot make harmless.
            var skipAllowed = frozen && method == HttpMethod.Delete;
            foreach (var caller in callers.Callers.Where(caller => rule.Access == PolicyAccess.Roles || caller.Tenant is not null))
            {
                var allowed = caller.HasAnyRole(rule.Roles);
                if (allowed && skipAllowed)
                {
                    observed.Add($"{caller.ClientId} skipped: the target is frozen");
                    continue;
                }

                var response = await target.SendAsync(method, path, caller.Token, body, cancellationToken).ConfigureAwait(false);
                observed.Add($"{caller.ClientId} {response.Status}");
                if (allowed ? response.Status is 401 or 403 : response.Status != 403)
                {
                    problems.Add($"{caller.ClientId} ({string.Join(",", caller.Roles)}) got {response.Status}, expected {(allowed ? "to get through" : "403")}");
                }
            }
        }

        var data = new Dictionary<string, string>
        {
            ["path"] = path,
            ["access"] = rule.Access.ToString(),
            ["allowedRoles"] = string.Join(",", rule.Roles),
            ["observed"] = string.Join("; ", observed),
        };
        return CheckOutcome.PassWhen(
            problems.Count == 0,
            $"{rule} responded as the matrix defines: {string.Join("; ", observed)}.",
            $"{rule} does not follow the matrix: {string.Join("; ", problems)}.",
            data);
    }

    private static async Task<bool> IsFrozenAsync(TargetClient target, CallerSet callers, GateContext context, CancellationToken cancellationToken)
    {
        var admin = callers.Callers.FirstOrDefault(caller => caller.HasAnyRole(context.Policy.Find("GET", "/admin/freeze")?.Roles ?? []));
        if (admin is null)
        {
            // Without a caller that may read the freeze, assume the worst and leave it alone.
            return true;
        }

        var response = await target.SendAsync(HttpMethod.Get, "/admin/freeze", admin.Token, null, cancellationToken).ConfigureAwait(false);
        return response.Status != 200 || response.Body.Contains("\"frozen\":true", StringComparison.Ordinal);
    }

    /// <summary>Fills the route's parameters: the OpenAPI document name with v1, every id with one that names nothing.</summary>
    internal static string ConcretePath(string route) =>
        RouteParameter().Replace(route, match => match.Groups[1].Value == "documentName" ? "v1" : MissingId);

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
