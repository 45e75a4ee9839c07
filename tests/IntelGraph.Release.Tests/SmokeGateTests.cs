using IntelGraph.Ledger.Manifests;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Tests.Infrastructure;

namespace IntelGraph.Release.Tests;

public sealed class SmokeGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Smoke_passes_against_a_ready_server()
    {
        await using var target = await GateTarget.StartAsync(entities: 3);
        var context = target.Context();

        var evidence = await SmokeGate.RunAsync(context, commit: "abc", Token);

        Assert.Equal(GateStatus.Pass, evidence.Status);
        foreach (var id in new[] { "health", "login-oidc", "roles-honoured", "case-report", "ledger-proofs", "budget-deny" })
        {
            var check = Assert.Single(evidence.Checks, check => check.Id == id);
            Assert.True(check.Status == CheckStatus.Pass, $"{id}: {check.Status} {check.Detail}");
            Assert.True(check.Required, $"{id} must be required");
        }

        Assert.Equal("abc", evidence.Commit);
        Assert.Equal(target.Server.BaseAddress.ToString(), evidence.Target);
    }

    [Fact]
    public async Task Smoke_runs_offered_features_and_lists_missing_ones()
    {
        await using var target = await GateTarget.StartAsync(entities: 3);

        var evidence = await SmokeGate.RunAsync(target.Context(), null, Token);

        foreach (var id in new[] { "nl-cypher", "graph-query", "analytics-pattern" })
        {
            var check = Assert.Single(evidence.Checks, check => check.Id == id);
            Assert.True(check.Status == CheckStatus.Pass, $"{id}: {check.Status} {check.Detail}");
        }

        foreach (var id in new[] { "report-render", "runbook", "dsar", "retention", "xai", "federation", "wallet" })
        {
            var check = Assert.Single(evidence.Checks, check => check.Id == id);
            Assert.Equal(CheckStatus.NotAvailable, check.Status);
            Assert.False(string.IsNullOrWhiteSpace(check.Detail));
        }
    }

    [Fact]
    public async Task Smoke_keeps_a_manifest_that_verifies_offline()
    {
        await using var target = await GateTarget.StartAsync();
        var context = target.Context();

        var evidence = await SmokeGate.RunAsync(context, null, Token);

        var proofs = Assert.Single(evidence.Checks, check => check.Id == "ledger-proofs");
        var export = await File.ReadAllBytesAsync(Path.Combine(context.ArtifactsFolder, proofs.Data["manifestExport"]), Token);
        var jwks = await File.ReadAllBytesAsync(Path.Combine(context.ArtifactsFolder, proofs.Data["jwks"]), Token);
        Assert.True(ManifestVerifier.Verify(export, jwks).IsValid);
        Assert.Equal(EvidenceFile.Digest(export), proofs.Data["manifestExportSha256"]);
    }

    [Fact]
    public async Task Smoke_fails_without_a_budget()
    {
        await using var target = await GateTarget.StartAsync(withBudget: false);

        var evidence = await SmokeGate.RunAsync(target.Context(), null, Token);

        Assert.Equal(GateStatus.Fail, evidence.Status);
        var budget = Assert.Single(evidence.Checks, check => check.Id == "budget-deny");
        Assert.Equal(CheckStatus.Fail, budget.Status);
        Assert.Contains("no query budget", budget.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_fails_when_no_client_lacks_the_role()
    {
        await using var target = await GateTarget.StartAsync();
        var onlyAdmin = target.Context([target.Credential(DevClients.AllRoles(GateTarget.Tenant))]);

        var evidence = await SmokeGate.RunAsync(onlyAdmin, null, Token);

        Assert.Equal(GateStatus.Fail, evidence.Status);
        Assert.Equal(CheckStatus.Fail, Assert.Single(evidence.Checks, check => check.Id == "roles-honoured").Status);
    }

    [Fact]
    public async Task Smoke_fails_when_a_secret_is_wrong()
    {
        await using var target = await GateTarget.StartAsync();
        var wrongSecret = Path.Combine(target.Folder, "wrong.secret");
        await File.WriteAllTextAsync(wrongSecret, "not-the-secret", Token);
        var credentials = target.RoleClients.Append(Release.Target.ClientCredential.FromFile(DevClients.Client(GateTarget.Tenant, "lead"), wrongSecret)).ToList();

        var evidence = await SmokeGate.RunAsync(target.Context(credentials), null, Token);

        var login = Assert.Single(evidence.Checks, check => check.Id == "login-oidc");
        Assert.Equal(CheckStatus.Fail, login.Status);
        Assert.Contains("invalid_client", login.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", login.Detail, StringComparison.Ordinal);
        Assert.Equal(GateStatus.Fail, evidence.Status);
    }

    [Fact]
    public async Task Offered_operations_come_from_the_openapi_document()
    {
        await using var target = await GateTarget.StartAsync(withBudget: false);

        var offered = await target.Client.ReadOfferedOperationsAsync(Token);

        Assert.Contains("GET /graph/entities", offered);
        Assert.Contains("POST /cases/{caseId}/reports", offered);
        Assert.Contains("POST /graph/nl", offered);
        Assert.DoesNotContain("POST /graph/nowhere", offered);
    }
}
