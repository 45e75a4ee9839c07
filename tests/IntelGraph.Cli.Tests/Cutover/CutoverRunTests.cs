using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace IntelGraph.Cli.Tests.Cutover;

/// <summary>
/// Whole cutovers on loopback: two live servers over their own stores behind the edge, with readers and a
/// writer sending requests through the edge the whole time. Nothing may be lost or doubled, no read may
/// fail, and a write may only be acknowledged or refused with 503 while writes are frozen.
/// </summary>
public sealed class CutoverRunTests
{
    private static readonly string[] SmokeClients = ["intelgraph-api", "intelgraph-analyst"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cutover_under_load_loses_nothing()
    {
        await using var deployment = await CutoverDeployment.StartAsync(Token);
        var plan = deployment.WritePlan("cutover", SmokeClients);
        var load = await StartLoadAsync(deployment);

        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain", "--json");
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        await load.StopAsync();

        Assert.True(result.ExitCode == ExitCodes.Ok, result + Environment.NewLine + string.Join(Environment.NewLine, deployment.ServerOutput.TakeLast(40)));
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal("completed", report.RootElement.GetProperty("outcome").GetString());
        var freezeSeconds = report.RootElement.GetProperty("writeFreezeSeconds").GetDouble();
        Assert.InRange(freezeSeconds, 0.001, 60);

        await AssertLoadOutcomeAsync(deployment, load, deployment.Green);
        await AssertActiveSideAsync(deployment, "green");
        await CutoverFigures.RecordAsync("cutover", freezeSeconds, load, report.RootElement, Token);
    }

    [Fact]
    public async Task Killed_cutover_resumes()
    {
        await using var deployment = await CutoverDeployment.StartAsync(Token);
        var plan = deployment.WritePlan("killed", SmokeClients);
        var load = await StartLoadAsync(deployment);

        // The child is killed as soon as it reports the backups done: both sides are frozen and nothing is carried yet.
        var backedUp = new TaskCompletionSource();
        using (var child = ChildProcess.Start(
            line => { if (line.Contains("backup", StringComparison.Ordinal) && line.Contains("done", StringComparison.Ordinal)) { backedUp.TrySetResult(); } },
            "cutover", "run", "--plan", plan, "--by", "release-captain", "--json"))
        {
            // The child reads the secret variable from its own environment, which it inherits from this process.
            await backedUp.Task.WaitAsync(TimeSpan.FromSeconds(120), Token);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(Token);
        }

        var timeline = await File.ReadAllTextAsync(Path.Combine(deployment.Folder, "killed-run", "timeline.jsonl"), Token);
        Assert.DoesNotContain("\"ended\"", timeline, StringComparison.Ordinal);

        var resumed = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain", "--json");
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        await load.StopAsync();

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.ToString());
        using var report = JsonDocument.Parse(resumed.Output);
        Assert.True(report.RootElement.GetProperty("resumed").GetBoolean());
        Assert.DoesNotContain(report.RootElement.GetProperty("steps").EnumerateArray(), step => step.GetProperty("event").GetString() == "failed");

        // The presync ran once, in the killed run; the resumed run went on from the export.
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().Select(step => step.GetProperty("step").GetString()).ToList();
        Assert.Equal(["presync", "freeze", "backup", "export", "apply", "verify", "switch", "smoke", "unfreeze", "watch"], steps);

        await AssertLoadOutcomeAsync(deployment, load, deployment.Green);
        await AssertActiveSideAsync(deployment, "green");
    }

    [Fact]
    public async Task Failed_smoke_gate_rolls_back()
    {
        await using var deployment = await CutoverDeployment.StartAsync(Token);

        // With only an admin client the smoke gate cannot show that roles are honoured, so it fails.
        var plan = deployment.WritePlan("smoke-fails", ["intelgraph-api"]);
        var load = await StartLoadAsync(deployment);

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain", "--json");
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        await load.StopAsync();

        Assert.True(result.ExitCode == ExitCodes.CutoverRolledBack, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal("rolled back", report.RootElement.GetProperty("outcome").GetString());
        Assert.Contains("roles-honoured", report.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("  rolled back: the smoke gate failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("rolled back: rolled back", result.Error, StringComparison.Ordinal);

        await AssertLoadOutcomeAsync(deployment, load, deployment.Blue);
        await AssertActiveSideAsync(deployment, "blue");
        await AssertWritableAsync(deployment, deployment.Blue);
    }

    [Fact]
    public async Task Watch_regression_rolls_back()
    {
        await using var deployment = await CutoverDeployment.StartAsync(Token);

        // Any request takes longer than a microsecond, so the first reading crosses the latency threshold.
        var plan = deployment.WritePlan("watch-regresses", SmokeClients, new { windowSeconds = 30, intervalSeconds = 1, maxP95Ms = 0.001 });
        var load = await StartLoadAsync(deployment);

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain", "--json");
        await Task.Delay(TimeSpan.FromSeconds(1), Token);
        await load.StopAsync();

        Assert.True(result.ExitCode == ExitCodes.CutoverRolledBack, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        Assert.Contains("p95 latency", report.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Writes acknowledged by green between its unfreeze and the rollback were carried back to blue.
        await AssertLoadOutcomeAsync(deployment, load, deployment.Blue);
        await AssertActiveSideAsync(deployment, "blue");
        await AssertWritableAsync(deployment, deployment.Blue);
    }

    [Fact]
    public async Task Cutover_from_idle_side_rejected()
    {
        await using var deployment = await CutoverDeployment.StartAsync(Token);
        var plan = deployment.WritePlan("wrong-way", SmokeClients);

        // Green already serves, so blue is stale: a claim only blue has must not reach green, and users must stay on green.
        using (var admin = new HttpClient())
        using (var switched = await admin.PostAsync(new Uri(deployment.EdgeAdmin, "_edge/switch"), new StringContent("""{"to":"green","by":"release-captain"}""", System.Text.Encoding.UTF8, "application/json"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        }

        using (var blue = await deployment.ClientAsync(deployment.Blue, CutoverDeployment.LoadClient, Token))
        using (var appended = await blue.PostAsync("/ledger/claims", new StringContent("""{"id":"stale-blue"}""", System.Text.Encoding.UTF8, "application/json"), Token))
        {
            Assert.Equal(HttpStatusCode.Created, appended.StatusCode);
        }

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.Contains("sends traffic to green, but the plan moves it from blue to green", result.Error, StringComparison.Ordinal);
        await AssertActiveSideAsync(deployment, "green");
        await AssertWritableAsync(deployment, deployment.Green);

        using var green = await deployment.ClientAsync(deployment.Green, "intelgraph-api", Token);
        using var copied = await green.GetAsync("/ledger/claims/stale-blue", Token);
        Assert.Equal(HttpStatusCode.NotFound, copied.StatusCode);
    }

    [Fact]
    public async Task Operator_without_admin_rejected()
    {
        await using var deployment = await CutoverDeployment.StartAsync(Token);
        var plan = deployment.WritePlan("weak-operator", SmokeClients);
        var text = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(plan, Token))!;
        text["operator"] = "intelgraph-analyst";
        await File.WriteAllTextAsync(plan, text.ToJsonString(), Token);

        using (var blue = await deployment.ClientAsync(deployment.Blue, CutoverDeployment.LoadClient, Token))
        using (var appended = await blue.PostAsync("/ledger/claims", new StringContent("""{"id":"before-cutover"}""", System.Text.Encoding.UTF8, "application/json"), Token))
        {
            Assert.Equal(HttpStatusCode.Created, appended.StatusCode);
        }

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.Contains("answered 403 to GET /admin/freeze", result.Error, StringComparison.Ordinal);
        Assert.Contains("needs the admin and lead roles", result.Error, StringComparison.Ordinal);

        // The check comes before the presync copies anything.
        using var green = await deployment.ClientAsync(deployment.Green, "intelgraph-api", Token);
        using var copied = await green.GetAsync("/ledger/claims/before-cutover", Token);
        Assert.Equal(HttpStatusCode.NotFound, copied.StatusCode);
    }

    private static async Task<CutoverLoad> StartLoadAsync(CutoverDeployment deployment)
    {
        var readers = new[]
        {
            await deployment.ClientAsync(deployment.EdgeAddress, "intelgraph-analyst", Token),
            await deployment.ClientAsync(deployment.EdgeAddress, "intelgraph-analyst", Token),
        };
        var writer = await deployment.ClientAsync(deployment.EdgeAddress, CutoverDeployment.LoadClient, Token);
        return await CutoverLoad.StartAsync(readers, writer, Token);
    }

    /// <summary>
    /// Checks the promise of the cutover on the side that serves at the end: every read succeeded, every
    /// write was acknowledged or refused with 503, each acknowledged write is there once, and no refused one is.
    /// </summary>
    private static async Task AssertLoadOutcomeAsync(CutoverDeployment deployment, CutoverLoad load, Uri serving)
    {
        Assert.NotEmpty(load.Reads);
        Assert.Empty(load.Reads.Where(read => read.Status != 200).Select(read => read.Failure).Take(10));
        Assert.Empty(load.Writes.Where(write => !write.Response.Acknowledged && !write.Response.Refused).Select(write => write.Response.Failure).Take(10));
        Assert.All(load.Writes.Where(write => write.Response.Refused), write => Assert.True(write.Response.RetryAfter, "A refused write has no Retry-After header."));
        Assert.Contains(load.Writes, write => write.Response.Refused);
        Assert.Contains(load.Writes, write => write.Kind == WriteKind.Claim && write.Response.Acknowledged);

        using var http = await deployment.ClientAsync(serving, "intelgraph-api", Token);
        var ledger = await ReadLedgerIdsAsync(http);
        var claims = load.Writes.Where(write => write.Kind == WriteKind.Claim).ToList();
        Assert.All(claims.Where(write => write.Response.Acknowledged), write => Assert.Equal(1, ledger.GetValueOrDefault(write.Id)));
        Assert.All(claims.Where(write => write.Response.Refused), write => Assert.False(ledger.ContainsKey(write.Id), $"Refused claim {write.Id} was stored."));

        foreach (var write in load.Writes.Where(write => write.Kind == WriteKind.Case))
        {
            using var response = await http.GetAsync($"/cases/{Uri.EscapeDataString(write.Id)}", Token);
            Assert.Equal(write.Response.Acknowledged ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }

        var lastTitle = load.Writes.Last(write => write.Kind == WriteKind.TaskTitle && write.Response.Acknowledged).Value;
        using var task = JsonDocument.Parse(await http.GetStringAsync($"/cases/{Uri.EscapeDataString(load.TaskCaseId)}/tasks/{Uri.EscapeDataString(load.TaskId)}", Token));
        Assert.Equal(lastTitle, task.RootElement.GetProperty("title").GetString());
    }

    private static async Task<Dictionary<string, int>> ReadLedgerIdsAsync(HttpClient http)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync("/ledger/claims?limit=1000" + (cursor is null ? string.Empty : "&after=" + cursor), Token));
            foreach (var claim in page.RootElement.GetProperty("claims").EnumerateArray())
            {
                var id = claim.GetProperty("id").GetString()!;
                ids[id] = ids.GetValueOrDefault(id) + 1;
            }

            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return ids;
    }

    private static async Task AssertActiveSideAsync(CutoverDeployment deployment, string side)
    {
        using var http = new HttpClient();
        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(deployment.EdgeAdmin, "_edge/state"), Token));
        Assert.Equal(side, state.RootElement.GetProperty("active").GetString());
    }

    private static async Task AssertWritableAsync(CutoverDeployment deployment, Uri side)
    {
        using var http = await deployment.ClientAsync(side, CutoverDeployment.LoadClient, Token);
        using var response = await http.PostAsync("/ledger/claims", new StringContent($$"""{"id":"after-{{Guid.NewGuid():N}}"}""", System.Text.Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
