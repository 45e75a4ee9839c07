using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Server.Tests;

/// <summary>The write freeze, on a server of its own so freezing never disturbs other tests.</summary>
public sealed class FreezeTests : IAsyncLifetime
{
    private const string Banner = "Cutover in progress – back at 18:00 (100% sure)";

    private ServerHost? _server;

    private ServerHost Server => _server!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerHost.StartAsync(cancellationToken: Token);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task Every_write_is_refused_while_reads_work()
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        using var freeze = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"{{Banner}}"}""");
        Assert.Equal(HttpStatusCode.OK, freeze.StatusCode);

        foreach (var endpoint in EndpointCatalog.All().Where(endpoint => endpoint.IsWrite))
        {
            using var write = await Server.SendAsync(new HttpMethod(endpoint.Method), endpoint.Path, admin, endpoint.Body);
            var problem = await Problem.AssertAsync(write, HttpStatusCode.ServiceUnavailable, "freeze.writes_frozen");
            Assert.Equal("30", write.Headers.RetryAfter?.ToString());
            Assert.Equal(Banner, problem.GetProperty("banner").GetString());
            AssertBannerHeader(write);
        }

        foreach (var endpoint in EndpointCatalog.All().Where(endpoint => !endpoint.IsWrite && endpoint.Method == "GET"))
        {
            using var read = await Server.SendAsync(HttpMethod.Get, endpoint.Path, admin);
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            AssertBannerHeader(read);
        }

        // Nothing from the refused writes reached the store.
        await using var stores = await Server.OpenStoresAsync(Token);
        var alpha = TenantId.Parse("alpha");
        Assert.Equal(0, await stores.Ledger.CountAsync(alpha, Token));
        Assert.Equal(0, (await stores.Cases.CountAsync(alpha, Token)).Cases);
        Assert.Null(await stores.Budgets.FindAsync(alpha, Token));
    }

    [Fact]
    public async Task Status_and_errors_carry_the_banner_until_unfreeze()
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        using var freeze = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"{{Banner}}"}""");

        using var status = await Server.SendAsync(HttpMethod.Get, "/status");
        using var unauthorized = await Server.SendAsync(HttpMethod.Get, "/cases");
        using var notFound = await Server.SendAsync(HttpMethod.Get, "/no-such-route", admin);
        var frozenStatus = await status.JsonAsync();

        using var unfreeze = await Server.SendAsync(HttpMethod.Delete, "/admin/freeze", admin);
        using var write = await Server.SendAsync(HttpMethod.Post, "/cases", admin, """{"name":"after the freeze"}""");
        using var statusAfter = await Server.SendAsync(HttpMethod.Get, "/status");

        Assert.Equal(Banner, frozenStatus.GetProperty("freeze").GetProperty("banner").GetString());
        Assert.True(frozenStatus.GetProperty("freeze").GetProperty("frozen").GetBoolean());
        AssertBannerHeader(status);
        AssertBannerHeader(unauthorized);
        AssertBannerHeader(notFound);

        Assert.True((await unfreeze.JsonAsync()).GetProperty("wasFrozen").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.False(write.Headers.Contains("X-IntelGraph-Banner"));
        Assert.False((await statusAfter.JsonAsync()).GetProperty("freeze").GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task Freeze_needs_a_banner()
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var blank = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, """{"banner":"   "}""");
        using var missing = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, "{}");
        using var status = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", admin);

        Problem.AssertNamesField(await Problem.AssertAsync(blank, HttpStatusCode.BadRequest, "request.invalid_field"), "banner");
        Problem.AssertNamesField(await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "request.invalid_field"), "banner");
        Assert.False((await status.JsonAsync()).GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task Freeze_set_by_cli_process_is_seen()
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        var frozen = await RunCliAsync("freeze", "--banner", Banner, "--db", Server.DatabasePath);
        using var write = await Server.SendAsync(HttpMethod.Post, "/cases", admin, """{"name":"during the CLI freeze"}""");
        using var read = await Server.SendAsync(HttpMethod.Get, "/cases", admin);
        var unfrozen = await RunCliAsync("unfreeze", "--db", Server.DatabasePath);
        using var writeAfter = await Server.SendAsync(HttpMethod.Post, "/cases", admin, """{"name":"after the CLI freeze"}""");

        Assert.Equal(0, frozen);
        await Problem.AssertAsync(write, HttpStatusCode.ServiceUnavailable, "freeze.writes_frozen");
        AssertBannerHeader(write);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        AssertBannerHeader(read);
        Assert.Equal(0, unfrozen);
        Assert.Equal(HttpStatusCode.Created, writeAfter.StatusCode);
    }

    [Fact]
    public async Task Exempt_client_writes_others_rejected()
    {
        var exempt = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var sameTenant = await Server.TokenAsync(DevClients.Client("alpha", "lead"));
        var otherTenant = await Server.TokenAsync(DevClients.AllRoles("beta"));
        var body = $$"""{"banner":"{{Banner}}","exemptClients":["cutover-tool","{{DevClients.AllRoles("alpha")}}"]}""";
        using var freeze = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", exempt, body);
        Assert.Equal(HttpStatusCode.OK, freeze.StatusCode);

        // The same three writes the cutover's smoke gate makes: a case, a report in it and a claim.
        using var createdCase = await Server.SendAsync(HttpMethod.Post, "/cases", exempt, """{"name":"smoke case"}""");
        Assert.Equal(HttpStatusCode.Created, createdCase.StatusCode);
        var caseId = (await createdCase.JsonAsync()).GetProperty("id").GetString();
        using var report = await Server.SendAsync(HttpMethod.Post, $"/cases/{caseId}/reports", exempt, """{"title":"smoke report"}""");
        using var claim = await Server.SendAsync(HttpMethod.Post, "/ledger/claims", exempt, $$"""{"id":"{{Ids.New("smoke")}}","text":"smoke claim"}""");
        using var rejectedSameTenant = await Server.SendAsync(HttpMethod.Post, "/cases", sameTenant, """{"name":"user case"}""");
        using var rejectedOtherTenant = await Server.SendAsync(HttpMethod.Post, "/cases", otherTenant, """{"name":"user case"}""");

        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        AssertBannerHeader(createdCase);
        AssertBannerHeader(report);
        AssertBannerHeader(claim);
        foreach (var rejected in new[] { rejectedSameTenant, rejectedOtherTenant })
        {
            await Problem.AssertAsync(rejected, HttpStatusCode.ServiceUnavailable, "freeze.writes_frozen");
            Assert.Equal("30", rejected.Headers.RetryAfter?.ToString());
            AssertBannerHeader(rejected);
        }

        // Only the exempt client's writes reached the store.
        await using var stores = await Server.OpenStoresAsync(Token);
        Assert.Equal(1, (await stores.Cases.CountAsync(TenantId.Parse("alpha"), Token)).Cases);
        Assert.Equal(1, await stores.Ledger.CountAsync(TenantId.Parse("alpha"), Token));
        Assert.Equal(0, (await stores.Cases.CountAsync(TenantId.Parse("beta"), Token)).Cases);
        Assert.Contains(Server.Logs.Lines, line => line.Contains("[2024] Allowed POST /cases of exempt client alpha-all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refreeze_replaces_exempt_clients_keeps_start()
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var first = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, """{"banner":"first","exemptClients":["alpha-all","cutover-tool"]}""");
        var firstStatus = await first.JsonAsync();
        using var second = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"{{Banner}}","exemptClients":["smoke-gate"]}""");
        var secondStatus = await second.JsonAsync();
        using var read = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", admin);
        var readStatus = await read.JsonAsync();
        using var status = await Server.SendAsync(HttpMethod.Get, "/status");
        var serverStatus = await status.JsonAsync();
        using var write = await Server.SendAsync(HttpMethod.Post, "/cases", admin, """{"name":"no longer exempt"}""");
        using var third = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"{{Banner}}"}""");
        var thirdStatus = await third.JsonAsync();
        using var unfreeze = await Server.SendAsync(HttpMethod.Delete, "/admin/freeze", admin);
        using var afterUnfreeze = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", admin);

        Assert.Equal(["alpha-all", "cutover-tool"], ExemptClientsOf(firstStatus));
        Assert.Equal(Banner, secondStatus.GetProperty("banner").GetString());
        Assert.Equal(["smoke-gate"], ExemptClientsOf(secondStatus));
        Assert.Equal(firstStatus.GetProperty("frozenAt").GetDateTimeOffset(), secondStatus.GetProperty("frozenAt").GetDateTimeOffset());
        Assert.Equal(["smoke-gate"], ExemptClientsOf(readStatus));
        Assert.Equal(firstStatus.GetProperty("frozenAt").GetDateTimeOffset(), readStatus.GetProperty("frozenAt").GetDateTimeOffset());
        Assert.Equal(["smoke-gate"], ExemptClientsOf(serverStatus.GetProperty("freeze")));
        await Problem.AssertAsync(write, HttpStatusCode.ServiceUnavailable, "freeze.writes_frozen");
        Assert.Empty(ExemptClientsOf(thirdStatus));
        Assert.Equal(firstStatus.GetProperty("frozenAt").GetDateTimeOffset(), thirdStatus.GetProperty("frozenAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, unfreeze.StatusCode);
        Assert.Empty(ExemptClientsOf(await afterUnfreeze.JsonAsync()));
    }

    [Theory]
    [InlineData("""["ok",""]""", "exemptClients[1]")]
    [InlineData("""["ok","fine","has space"]""", "exemptClients[2]")]
    [InlineData("""[null]""", "exemptClients[0]")]
    [InlineData("""["new\nline"]""", "exemptClients[0]")]
    [InlineData("""["ümlaut"]""", "exemptClients[0]")]
    [InlineData("""["a/b"]""", "exemptClients[0]")]
    public async Task Freeze_rejects_bad_exempt_client(string exemptClients, string field)
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));

        using var response = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"{{Banner}}","exemptClients":{{exemptClients}}}""");
        using var status = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", admin);

        Problem.AssertNamesField(await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "request.invalid_field"), field);
        Assert.False((await status.JsonAsync()).GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task Freeze_rejects_too_many_or_long_ids()
    {
        var admin = await Server.TokenAsync(DevClients.AllRoles("alpha"));
        var longest = new string('a', 200);
        var tooLong = new string('a', 201);
        var twenty = string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"client-{i}\""));

        using var tooMany = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"b","exemptClients":[{{twenty}},"client-20"]}""");
        using var overLength = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"b","exemptClients":["{{longest}}","{{tooLong}}"]}""");
        using var status = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", admin);
        using var atLimits = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"b","exemptClients":[{{twenty}}]}""");
        using var longestAccepted = await Server.SendAsync(HttpMethod.Put, "/admin/freeze", admin, $$"""{"banner":"b","exemptClients":["{{longest}}","a.b_c:d@e-F9"]}""");

        Problem.AssertNamesField(await Problem.AssertAsync(tooMany, HttpStatusCode.BadRequest, "request.invalid_field"), "exemptClients");
        var lengthProblem = await Problem.AssertAsync(overLength, HttpStatusCode.BadRequest, "request.invalid_field");
        Problem.AssertNamesField(lengthProblem, "exemptClients[1]");
        Assert.False(lengthProblem.GetProperty("errors").TryGetProperty("exemptClients[0]", out _));
        Assert.False((await status.JsonAsync()).GetProperty("frozen").GetBoolean());
        Assert.Equal(20, ExemptClientsOf(await atLimits.JsonAsync()).Length);
        Assert.Equal([longest, "a.b_c:d@e-F9"], ExemptClientsOf(await longestAccepted.JsonAsync()));
    }

    private static string[] ExemptClientsOf(JsonElement status) =>
        [.. status.GetProperty("exemptClients").EnumerateArray().Select(client => client.GetString()!)];

    private static void AssertBannerHeader(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("X-IntelGraph-Banner", out var values), $"{response.RequestMessage?.RequestUri} has no banner header.");
        Assert.Equal(Banner, Uri.UnescapeDataString(Assert.Single(values)));
    }

    /// <summary>Runs the built intelgraph CLI as a separate process, as an operator would during a cutover.</summary>
    private static async Task<int> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "intelgraph.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"intelgraph {string.Join(' ', args)} exited {process.ExitCode}: {await output} {await error}");
        return process.ExitCode;
    }
}
