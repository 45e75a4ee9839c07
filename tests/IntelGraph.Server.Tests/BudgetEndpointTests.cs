using System.Net;

namespace IntelGraph.Server.Tests;

/// <summary>
/// The budget endpoints with the bodies from the cutover playbook. Every test that sets alpha's budget
/// sets the same 2500 ms and 100000 rows, so tests running at the same time cannot disturb each other.
/// </summary>
public sealed class BudgetEndpointTests(SharedServer shared)
{
    private const string PlaybookInit = """{"tenant":"alpha","ms":2500,"rows":100000}""";

    private ServerHost Server => shared.Host;

    [Fact]
    public async Task Playbook_bodies_work_as_written()
    {
        var admin = await Server.TokenAsync(DevClients.Client("alpha", "admin"));
        var analyst = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));

        using var init = await Server.SendAsync(HttpMethod.Post, "/budget/init", admin, PlaybookInit);
        using var check = await Server.SendAsync(HttpMethod.Post, "/budget/check", analyst, """{"tenant":"alpha","estMs":5000,"estRows":2e6}""");

        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        var decision = await check.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("deny", decision.GetProperty("decision").GetString());
        Assert.False(decision.GetProperty("allowed").GetBoolean());
        var reasons = decision.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(["ms", "rows"], reasons.Select(reason => reason.GetProperty("limit").GetString()));
        Assert.Equal(2_000_000, reasons[1].GetProperty("estimated").GetInt64());
        Assert.Equal(0, decision.GetProperty("remaining").GetProperty("ms").GetInt64());
        Assert.Equal(100_000, decision.GetProperty("budget").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Fitting_query_is_allowed_with_remainder()
    {
        var admin = await Server.TokenAsync(DevClients.Client("alpha", "admin"));
        var auditor = await Server.TokenAsync(DevClients.Client("alpha", "auditor"));

        using var init = await Server.SendAsync(HttpMethod.Post, "/budget/init", admin, PlaybookInit);
        using var check = await Server.SendAsync(HttpMethod.Post, "/budget/check", auditor, """{"tenant":"alpha","estMs":2500,"estRows":1.5e3}""");

        var decision = await check.JsonAsync();
        Assert.Equal("allow", decision.GetProperty("decision").GetString());
        Assert.Empty(decision.GetProperty("reasons").EnumerateArray());
        Assert.Equal(0, decision.GetProperty("remaining").GetProperty("ms").GetInt64());
        Assert.Equal(98_500, decision.GetProperty("remaining").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Check_without_budget_is_not_found()
    {
        var token = await Server.TokenAsync(DevClients.AllRoles(DevClients.UntouchedTenant));

        using var check = await Server.SendAsync(HttpMethod.Post, "/budget/check", token, """{"tenant":"gamma","estMs":1,"estRows":1}""");

        await Problem.AssertAsync(check, HttpStatusCode.NotFound, "budget.not_found");
    }

    [Fact]
    public async Task Foreign_tenant_body_is_forbidden()
    {
        var token = await Server.TokenAsync(DevClients.Client("beta", "admin"));

        using var init = await Server.SendAsync(HttpMethod.Post, "/budget/init", token, PlaybookInit);
        using var check = await Server.SendAsync(HttpMethod.Post, "/budget/check", token, """{"tenant":"alpha","estMs":1,"estRows":1}""");

        await Problem.AssertAsync(init, HttpStatusCode.Forbidden, "auth.tenant_mismatch");
        await Problem.AssertAsync(check, HttpStatusCode.Forbidden, "auth.tenant_mismatch");
    }

    public static TheoryData<string, string, string> InvalidBodies() => new()
    {
        { "/budget/init", """{"tenant":"alpha","ms":0,"rows":100000}""", "ms" },
        { "/budget/init", """{"tenant":"alpha","ms":2500,"rows":-1}""", "rows" },
        { "/budget/init", """{"tenant":"alpha","ms":2500}""", "rows" },
        { "/budget/init", """{"ms":2500,"rows":1}""", "tenant" },
        { "/budget/init", """{"tenant":"Alpha!","ms":2500,"rows":1}""", "tenant" },
        { "/budget/check", """{"tenant":"alpha","estMs":-5,"estRows":1}""", "estMs" },
        { "/budget/check", """{"tenant":"alpha","estMs":5}""", "estRows" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_values_name_the_field(string path, string body, string field)
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "admin"));

        using var response = await Server.SendAsync(HttpMethod.Post, path, token, body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.invalid_field");
        Problem.AssertNamesField(problem, field);
    }

    public static TheoryData<string, string> MalformedNumbers() => new()
    {
        { """{"tenant":"alpha","estMs":"5000","estRows":1}""", "estMs" },
        { """{"tenant":"alpha","estMs":5000,"estRows":2.5}""", "estRows" },
        { """{"tenant":"alpha","estMs":5000,"estRows":1e30}""", "estRows" },
        { """{"tenant":"alpha","estMs":true,"estRows":1}""", "estMs" },
        { """{"tenant":"alpha","estMs":1,"estRows":1,"estRowz":1}""", "estRowz" },
        { """{"tenant":["alpha"],"estMs":1,"estRows":1}""", "tenant" },
    };

    [Theory]
    [MemberData(nameof(MalformedNumbers))]
    public async Task Wrong_types_name_the_field(string body, string field)
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));

        using var response = await Server.SendAsync(HttpMethod.Post, "/budget/check", token, body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.malformed_json");
        Problem.AssertNamesField(problem, field);
    }
}
