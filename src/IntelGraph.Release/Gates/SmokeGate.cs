using System.Text.Json;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Gates;

/// <summary>
/// The sanity checklist of a cutover, run against the target as a real client. Each item the product
/// offers runs for real; each it does not offer yet is listed as not available, with the reason. The
/// gate writes to the target: one case with one report, and one claim sealed into its own manifest,
/// each with an id that starts with <c>smoke-</c> and the run's time.
/// </summary>
public static class SmokeGate
{
    public const string Name = "smoke";

    /// <summary>The endpoint whose role rule the role check probes: an admin-only read that changes nothing.</summary>
    private const string RoleProbeRoute = "/admin/freeze";

    public static async Task<GateEvidence> RunAsync(GateContext context, string? commit, CancellationToken cancellationToken)
    {
        var target = context.RequireTarget();
        var recorder = new EvidenceRecorder(Name, target.BaseAddress.ToString(), context.TimeProvider, context.Progress);
        recorder.Input("clients", string.Join(",", context.Credentials.Select(credential => credential.ClientId)));
        var runId = $"smoke-{context.TimeProvider.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        recorder.Input("runId", runId);

        var offered = await target.ReadOfferedOperationsAsync(cancellationToken).ConfigureAwait(false);
        CallerSet callers = null!;

        await recorder.RunAsync("health", "The target is live and ready", required: true, () => CheckHealthAsync(target, cancellationToken)).ConfigureAwait(false);

        await recorder.RunAsync("login-oidc", "Login works (OIDC client credentials)", required: true, async () =>
        {
            callers = await CallerSet.SignInAsync(context, cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, string> { ["callers"] = callers.Describe() };
            if (callers.Failures.Count > 0 || callers.Callers.Count == 0)
            {
                return CheckOutcome.Fail(
                    callers.Callers.Count == 0 && callers.Failures.Count == 0
                        ? "No client is configured; give --clients or --client-id with a secret."
                        : "Some clients could not sign in: " + string.Join(" ", callers.Failures),
                    data);
            }

            return CheckOutcome.Pass($"{callers.Callers.Count} client(s) minted a token at {target.TokenPath} and GET /me accepted it.", data);
        }).ConfigureAwait(false);

        await recorder.RunAsync("roles-honoured", "Roles honoured as the access matrix says", required: true,
            () => CheckRolesAsync(context, target, callers, cancellationToken)).ConfigureAwait(false);

        await OfferedFeatureChecks.RunNlCypherAsync(recorder, target, callers, offered, cancellationToken).ConfigureAwait(false);
        await OfferedFeatureChecks.RunGraphQueryAsync(recorder, target, callers, offered, cancellationToken).ConfigureAwait(false);
        await OfferedFeatureChecks.RunAnalyticsAsync(recorder, target, callers, offered, cancellationToken).ConfigureAwait(false);

        await recorder.RunAsync("case-report", "Case creation and report metadata create/read", required: true,
            () => CheckCaseAndReportAsync(context, target, callers, runId, cancellationToken)).ConfigureAwait(false);
        recorder.NotAvailable("report-render", "Report render",
            "The product stores report metadata only; it has no report rendering yet.");

        await recorder.RunAsync("ledger-proofs", "Proofs generated: claim, sealed manifest, export verified offline", required: true,
            () => CheckLedgerProofsAsync(context, target, callers, runId, cancellationToken)).ConfigureAwait(false);
        recorder.NotAvailable("runbook", "Runbook runs", "The product has no runbook engine yet.");

        await recorder.RunAsync("budget-deny", "Budget denials present on heavy queries", required: true,
            () => CheckBudgetDenialAsync(context, target, callers, cancellationToken)).ConfigureAwait(false);

        foreach (var (id, title, marker) in NotYetBuilt)
        {
            var route = offered.FirstOrDefault(operation => operation.Contains(marker, StringComparison.OrdinalIgnoreCase));
            recorder.NotAvailable(id, title, route is null
                ? $"The target offers no {marker} endpoint in its OpenAPI document."
                : $"The target offers {route}, but this gate has no check for it yet.");
        }

        return recorder.Finish(commit);
    }

    /// <summary>Checklist items of the cutover that the product has no endpoint for, with the path fragment that would reveal one.</summary>
    private static readonly (string Id, string Title, string Marker)[] NotYetBuilt =
    [
        ("dsar", "DSAR bundle returns", "/dsar"),
        ("retention", "Retention cron logs deletes (dry run)", "/retention"),
        ("xai", "XAI overlays", "/xai"),
        ("federation", "Federation returns claim hashes", "/federation"),
        ("wallet", "Wallet issue/verify", "/wallet"),
    ];

    private static async Task<CheckOutcome> CheckHealthAsync(TargetClient target, CancellationToken cancellationToken)
    {
        var live = await target.SendAsync(HttpMethod.Get, "/healthz", null, null, cancellationToken).ConfigureAwait(false);
        var ready = await target.SendAsync(HttpMethod.Get, "/readyz", null, null, cancellationToken).ConfigureAwait(false);
        return CheckOutcome.PassWhen(
            live.Status == 200 && ready.Status == 200,
            "GET /healthz and GET /readyz returned 200.",
            $"GET /healthz returned {live.Status} and GET /readyz returned {ready.Status}: {ready.Excerpt()}");
    }

    private static async Task<CheckOutcome> CheckRolesAsync(GateContext context, TargetClient target, CallerSet callers, CancellationToken cancellationToken)
    {
        var rule = context.Policy.Find("GET", RoleProbeRoute);
        if (rule is null)
        {
            return CheckOutcome.Fail($"The access matrix has no rule for GET {RoleProbeRoute}, which this check probes.");
        }

        var anonymous = await target.SendAsync(HttpMethod.Get, RoleProbeRoute, null, null, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (anonymous.Status != 401)
        {
            problems.Add($"without a token it returned {anonymous.Status}, expected 401");
        }

        int allowed = 0, denied = 0;
        foreach (var caller in callers.Callers)
        {
            var expectedAllowed = caller.HasAnyRole(rule.Roles);
            var response = await target.SendAsync(HttpMethod.Get, RoleProbeRoute, caller.Token, null, cancellationToken).ConfigureAwait(false);
            var expected = expectedAllowed ? 200 : 403;
            if (response.Status != expected)
            {
                problems.Add($"{caller.ClientId} got {response.Status}, expected {expected}");
            }

            allowed += expectedAllowed ? 1 : 0;
            denied += expectedAllowed ? 0 : 1;
        }

        if (allowed == 0 || denied == 0)
        {
            problems.Add($"the clients include {allowed} with and {denied} without a role of [{string.Join(", ", rule.Roles)}]; both kinds are needed to show roles are honoured");
        }

        var data = new Dictionary<string, string> { ["probe"] = $"GET {RoleProbeRoute}", ["allowedRoles"] = string.Join(",", rule.Roles) };
        return CheckOutcome.PassWhen(
            problems.Count == 0,
            $"GET {RoleProbeRoute}: 401 without a token, 200 for {allowed} client(s) with a role of [{string.Join(", ", rule.Roles)}], 403 for {denied} without.",
            "Roles not honoured as expected: " + string.Join("; ", problems) + ".",
            data);
    }

    private static async Task<CheckOutcome> CheckCaseAndReportAsync(
        GateContext context, TargetClient target, CallerSet callers, string runId, CancellationToken cancellationToken)
    {
        var lead = context.Policy.FindAllowedCaller(callers.Callers, "POST", "/cases");
        var writer = context.Policy.FindAllowedCaller(callers.Callers, "POST", "/cases/{caseId}/reports");
        if (lead is null || writer is null)
        {
            return CheckOutcome.Fail("No configured client with a tenant may create cases and reports; add a client with the lead or admin role.");
        }

        var caseId = runId + "-case";
        var createCase = await target.SendAsync(HttpMethod.Post, "/cases", lead.Token,
            JsonSerializer.Serialize(new { id = caseId, name = "Smoke gate " + runId }), cancellationToken).ConfigureAwait(false);
        if (createCase.Status != 201)
        {
            return CheckOutcome.Fail($"POST /cases as {lead.ClientId} returned {createCase.Status}: {createCase.Excerpt()}");
        }

        var reportId = runId + "-report";
        var title = "Smoke gate report " + runId;
        var createReport = await target.SendAsync(HttpMethod.Post, $"/cases/{caseId}/reports", writer.Token,
            JsonSerializer.Serialize(new { id = reportId, title, audience = "release" }), cancellationToken).ConfigureAwait(false);
        if (createReport.Status != 201)
        {
            return CheckOutcome.Fail($"POST /cases/{caseId}/reports as {writer.ClientId} returned {createReport.Status}: {createReport.Excerpt()}");
        }

        var read = await target.SendAsync(HttpMethod.Get, $"/cases/{caseId}/reports/{reportId}", writer.Token, null, cancellationToken).ConfigureAwait(false);
        var readTitle = read.Status == 200 ? ReadString(read.Body, "title") : null;
        return CheckOutcome.PassWhen(
            readTitle == title,
            $"Created case {caseId} and report {reportId}, and read the report back with its title.",
            $"GET /cases/{caseId}/reports/{reportId} returned {read.Status} with title '{readTitle}', expected '{title}'.",
            new Dictionary<string, string> { ["caseId"] = caseId, ["reportId"] = reportId });
    }

    private static async Task<CheckOutcome> CheckLedgerProofsAsync(
        GateContext context, TargetClient target, CallerSet callers, string runId, CancellationToken cancellationToken)
    {
        var writer = context.Policy.FindAllowedCaller(callers.Callers, "POST", "/ledger/claims");
        var sealer = context.Policy.FindAllowedCaller(callers.Callers, "POST", "/ledger/manifests");
        if (writer is null || sealer is null || writer.Tenant != sealer.Tenant)
        {
            return CheckOutcome.Fail("No configured clients of one tenant may both append claims and seal manifests; add a client with the lead or admin role.");
        }

        var claimId = runId + "-claim";
        var append = await target.SendAsync(HttpMethod.Post, "/ledger/claims", writer.Token,
            JsonSerializer.Serialize(new { id = claimId, type = "smoke-check", text = "Release smoke gate claim " + runId }), cancellationToken).ConfigureAwait(false);
        if (append.Status != 201)
        {
            return CheckOutcome.Fail($"POST /ledger/claims as {writer.ClientId} returned {append.Status}: {append.Excerpt()}");
        }

        var seal = await target.SendAsync(HttpMethod.Post, "/ledger/manifests", sealer.Token,
            JsonSerializer.Serialize(new { claimIds = new[] { claimId } }), cancellationToken).ConfigureAwait(false);
        var manifestId = seal.Status == 201 ? ReadString(seal.Body, "manifestId") : null;
        if (manifestId is null)
        {
            return CheckOutcome.Fail($"POST /ledger/manifests as {sealer.ClientId} returned {seal.Status}: {seal.Excerpt()}");
        }

        var export = await target.SendAsync(HttpMethod.Get, $"/ledger/manifests/{manifestId}/export", writer.Token, null, cancellationToken).ConfigureAwait(false);
        var jwks = await target.SendAsync(HttpMethod.Get, $"/.well-known/jwks.json?tenant={Uri.EscapeDataString(writer.Tenant!)}", null, null, cancellationToken).ConfigureAwait(false);
        if (export.Status != 200 || jwks.Status != 200)
        {
            return CheckOutcome.Fail($"The manifest export returned {export.Status} and the JWK Set returned {jwks.Status}.");
        }

        // The two files are kept beside the evidence, so anyone can repeat the offline verification.
        Directory.CreateDirectory(context.ArtifactsFolder);
        var exportPath = Path.Combine(context.ArtifactsFolder, manifestId + ".json");
        var jwksPath = Path.Combine(context.ArtifactsFolder, $"jwks-{writer.Tenant}.json");
        var exportBytes = System.Text.Encoding.UTF8.GetBytes(export.Body);
        var jwksBytes = System.Text.Encoding.UTF8.GetBytes(jwks.Body);
        await File.WriteAllBytesAsync(exportPath, exportBytes, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(jwksPath, jwksBytes, cancellationToken).ConfigureAwait(false);

        var result = ManifestVerifier.Verify(exportBytes, jwksBytes);
        var data = new Dictionary<string, string>
        {
            ["claimId"] = claimId,
            ["manifestId"] = manifestId,
            ["manifestExport"] = Path.GetFileName(exportPath),
            ["manifestExportSha256"] = EvidenceFile.Digest(exportBytes),
            ["jwks"] = Path.GetFileName(jwksPath),
            ["jwksSha256"] = EvidenceFile.Digest(jwksBytes),
        };
        return CheckOutcome.PassWhen(
            result.IsValid,
            $"Appended claim {claimId}, sealed it into manifest {manifestId}, and verified the export offline with the tenant's JWK Set.",
            "The manifest export failed offline verification: " + string.Join("; ", result.Failures.Select(failure => $"{failure.Check}: {failure.Message}")),
            data);
    }

    private static async Task<CheckOutcome> CheckBudgetDenialAsync(GateContext context, TargetClient target, CallerSet callers, CancellationToken cancellationToken)
    {
        var caller = context.Policy.FindAllowedCaller(callers.Callers, "POST", "/budget/check");
        if (caller is null)
        {
            return CheckOutcome.Fail("No configured client with a tenant may check the query budget.");
        }

        // A day of query time over a trillion rows: heavier than any budget a tenant would be given.
        var body = JsonSerializer.Serialize(new { tenant = caller.Tenant, estMs = 86_400_000L, estRows = 1_000_000_000_000L });
        var response = await target.SendAsync(HttpMethod.Post, "/budget/check", caller.Token, body, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return CheckOutcome.Fail($"Tenant {caller.Tenant} has no query budget (404), so nothing is denied; set one with POST /budget/init first.");
        }

        var decision = response.Status == 200 ? ReadString(response.Body, "decision") : null;
        return CheckOutcome.PassWhen(
            decision == "deny",
            $"POST /budget/check with a heavy estimate for tenant {caller.Tenant} returned decision deny.",
            $"POST /budget/check with a heavy estimate returned {response.Status} with decision '{decision}', expected deny: {response.Excerpt()}",
            new Dictionary<string, string> { ["estimate"] = body });
    }

    internal static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
