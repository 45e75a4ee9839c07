namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>Who a test expects to reach an endpoint.</summary>
internal enum Expected
{
    Public,
    AnyToken,
    Roles,
}

/// <summary>
/// One endpoint with a request that reaches it: the test's own copy of the role × endpoint matrix,
/// written independently of the server's table so a wrong entry there fails a test.
/// </summary>
/// <param name="Path">A concrete path for the route; ids in it name nothing that exists.</param>
/// <param name="Body">A JSON body that passes binding, or null.</param>
/// <param name="IsWrite">True for endpoints that change stored data and so must be refused during a write freeze.</param>
internal sealed record EndpointCase(
    string Method,
    string Route,
    Expected Expected,
    string[] AllowedRoles,
    string Path,
    string? Body,
    bool IsWrite)
{
    /// <summary>True for the endpoints that act on the whole deployment, not one tenant: the write freeze and the metrics.</summary>
    public bool IsDeploymentWide => Route.StartsWith("/admin/", StringComparison.Ordinal) || Route == "/metrics";

    public override string ToString() => $"{Method} {Route}";
}

internal static class EndpointCatalog
{
    private static readonly string[] _everyone = ["analyst", "lead", "admin", "auditor"];
    private static readonly string[] _writers = ["analyst", "lead", "admin"];
    private static readonly string[] _leads = ["lead", "admin"];
    private static readonly string[] _admins = ["admin"];

    /// <summary>Every endpoint the server maps. A request body builds fresh ids on each call, so repeated runs never collide.</summary>
    public static IReadOnlyList<EndpointCase> All(string tenant = "alpha") =>
    [
        Public("GET", "/healthz", "/healthz"),
        Public("GET", "/readyz", "/readyz"),
        Public("GET", "/status", "/status"),
        Public("GET", "/.well-known/jwks.json", $"/.well-known/jwks.json?tenant={tenant}"),
        Public("GET", "/openapi/{documentName}.json", "/openapi/v1.json"),

        new("GET", "/me", Expected.AnyToken, [], "/me", null, false),

        Read("GET", "/ledger/claims", "/ledger/claims"),
        Write("POST", "/ledger/claims", _writers, "/ledger/claims", $$"""{"id":"{{Ids.New("claim")}}","text":"catalog"}"""),
        Read("GET", "/ledger/claims/{claimId}", "/ledger/claims/no-such-claim"),
        Write("POST", "/ledger/manifests", _leads, "/ledger/manifests", """{"claimIds":["no-such-claim"]}"""),
        Read("GET", "/ledger/manifests/{manifestId}/export", "/ledger/manifests/mf-none/export"),

        Write("POST", "/budget/init", _admins, "/budget/init", $$"""{"tenant":"{{tenant}}","ms":2500,"rows":100000}"""),
        new("POST", "/budget/check", Expected.Roles, _everyone, "/budget/check", $$"""{"tenant":"{{tenant}}","estMs":1,"estRows":1}""", false),

        Read("GET", "/cases", "/cases"),
        Write("POST", "/cases", _leads, "/cases", """{"name":"catalog case"}"""),
        Read("GET", "/cases/{caseId}", "/cases/no-such-case"),
        Write("PUT", "/cases/{caseId}", _leads, "/cases/no-such-case", """{"name":"renamed","status":"open"}"""),
        Read("GET", "/cases/{caseId}/tasks", "/cases/no-such-case/tasks"),
        Write("POST", "/cases/{caseId}/tasks", _writers, "/cases/no-such-case/tasks", """{"title":"catalog task"}"""),
        Read("GET", "/cases/{caseId}/tasks/{taskId}", "/cases/no-such-case/tasks/no-such-task"),
        Write("PUT", "/cases/{caseId}/tasks/{taskId}", _writers, "/cases/no-such-case/tasks/no-such-task", """{"title":"t","status":"done"}"""),
        Read("GET", "/cases/{caseId}/reports", "/cases/no-such-case/reports"),
        Write("POST", "/cases/{caseId}/reports", _writers, "/cases/no-such-case/reports", """{"title":"catalog report"}"""),
        Read("GET", "/cases/{caseId}/reports/{reportId}", "/cases/no-such-case/reports/no-such-report"),
        Write("PUT", "/cases/{caseId}/reports/{reportId}", _writers, "/cases/no-such-case/reports/no-such-report", """{"title":"r"}"""),

        Read("GET", "/graph/entities", "/graph/entities?label=a"),
        Read("GET", "/graph/entities/{entityId}", "/graph/entities/no-such-entity"),
        Read("GET", "/graph/entities/{entityId}/neighbours", "/graph/entities/no-such-entity/neighbours"),
        new("POST", "/graph/query", Expected.Roles, _everyone, "/graph/query", """{"cypher":"MATCH (n) RETURN count(n)"}""", false),
        new("POST", "/graph/nl", Expected.Roles, _everyone, "/graph/nl", """{"question":"how many entities of each type"}""", false),
        new("POST", "/graph/nl/execute", Expected.Roles, _everyone, "/graph/nl/execute", """{"cypher":"MATCH (entity)\nRETURN entity.type AS type, count(*) AS entities\nORDER BY entities DESC, type","parameters":{}}""", false),
        Read("GET", "/graph/analytics/pagerank", "/graph/analytics/pagerank?limit=5"),
        Read("GET", "/graph/analytics/degree", "/graph/analytics/degree?order=in"),
        Read("GET", "/graph/analytics/betweenness", "/graph/analytics/betweenness?sample=10&seed=1"),
        Read("GET", "/graph/analytics/communities", "/graph/analytics/communities"),
        Read("GET", "/graph/analytics/path", "/graph/analytics/path?from=no-such-entity&to=no-such-entity"),
        Read("GET", "/graph/analytics/khop", "/graph/analytics/khop?node=no-such-entity&depth=2"),
        Read("GET", "/graph/analytics/patterns", "/graph/analytics/patterns?kind=triangles"),

        Read("GET", "/flags", "/flags"),

        // The freeze endpoints are exempt from the freeze they control, so they are not writes here.
        new("GET", "/admin/freeze", Expected.Roles, _admins, "/admin/freeze", null, false),
        new("PUT", "/admin/freeze", Expected.Roles, _admins, "/admin/freeze", """{"banner":""}""", false),
        new("DELETE", "/admin/freeze", Expected.Roles, _admins, "/admin/freeze", null, false),

        new("GET", "/metrics", Expected.Roles, _admins, "/metrics", null, false),
    ];

    private static EndpointCase Public(string method, string route, string path) => new(method, route, Expected.Public, [], path, null, false);

    private static EndpointCase Read(string method, string route, string path) => new(method, route, Expected.Roles, _everyone, path, null, false);

    private static EndpointCase Write(string method, string route, string[] roles, string path, string body) => new(method, route, Expected.Roles, roles, path, body, true);
}
