using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Target;
using IntelGraph.Release.Tests.Infrastructure;

namespace IntelGraph.Release.Tests;

public sealed class PolicyProbeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_matrix_rule_holds_on_the_server()
    {
        await using var target = await GateTarget.StartAsync();
        var context = target.Context();
        var recorder = new EvidenceRecorder("compliance", null, TimeProvider.System, SilentGateProgress.Instance);

        await PolicyProbe.RunAsync(recorder, context, Token);

        Assert.Equal(context.Policy.Rules.Count + 1, recorder.Checks.Count);
        foreach (var check in recorder.Checks)
        {
            Assert.True(check.Status == CheckStatus.Pass, $"{check.Id}: {check.Detail}");
        }
    }

    [Fact]
    public async Task Wrong_rule_fails_its_check()
    {
        await using var target = await GateTarget.StartAsync();
        var wrong = new AccessPolicy([
            new PolicyRule("POST", "/cases", PolicyAccess.TenantRoles, ["lead", "admin", "auditor"]),
            new PolicyRule("GET", "/cases", PolicyAccess.TenantRoles, ["admin"]),
            new PolicyRule("GET", "/me", PolicyAccess.Public, []),
            new PolicyRule("GET", "/ledger/claims", PolicyAccess.TenantRoles, ["analyst", "lead"]),
        ]);
        var recorder = new EvidenceRecorder("compliance", null, TimeProvider.System, SilentGateProgress.Instance);

        await PolicyProbe.RunAsync(recorder, target.Context(policy: wrong), Token);

        var writes = Assert.Single(recorder.Checks, check => check.Id == "policy POST /cases");
        Assert.Equal(CheckStatus.Fail, writes.Status);
        Assert.Contains("alpha-auditor", writes.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, Assert.Single(recorder.Checks, check => check.Id == "policy GET /cases").Status);
        Assert.Equal(CheckStatus.Fail, Assert.Single(recorder.Checks, check => check.Id == "policy GET /me").Status);
        Assert.Equal(CheckStatus.Fail, Assert.Single(recorder.Checks, check => check.Id == "policy GET /ledger/claims").Status);
    }

    [Fact]
    public async Task Probes_write_nothing()
    {
        await using var target = await GateTarget.StartAsync(withBudget: false);
        var recorder = new EvidenceRecorder("compliance", null, TimeProvider.System, SilentGateProgress.Instance);

        await PolicyProbe.RunAsync(recorder, target.Context(), Token);

        var token = await target.Server.TokenAsync(DevClients.Client(GateTarget.Tenant, "admin"));
        using var cases = await target.Server.SendAsync(HttpMethod.Get, "/cases", token);
        Assert.Equal("""{"items":[],"nextCursor":null}""", await cases.Content.ReadAsStringAsync(Token));
        using var claims = await target.Server.SendAsync(HttpMethod.Get, "/ledger/claims", token);
        Assert.Equal("""{"claims":[],"nextCursor":null,"lastCursor":null}""", await claims.Content.ReadAsStringAsync(Token));
        using var budget = await target.Server.SendAsync(HttpMethod.Post, "/budget/check", token, """{"tenant":"alpha","estMs":1,"estRows":1}""");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, budget.StatusCode);
        using var freeze = await target.Server.SendAsync(HttpMethod.Get, "/admin/freeze", token);
        Assert.Contains("\"frozen\":false", await freeze.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/cases/{caseId}/reports/{reportId}", "/cases/gate-probe-missing/reports/gate-probe-missing")]
    [InlineData("/openapi/{documentName}.json", "/openapi/v1.json")]
    [InlineData("/metrics", "/metrics")]
    public void Route_parameters_are_filled(string route, string expected) => Assert.Equal(expected, PolicyProbe.ConcretePath(route));
}
