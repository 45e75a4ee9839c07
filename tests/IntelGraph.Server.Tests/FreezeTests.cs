using System.Diagnostics;
using System.Net;
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
