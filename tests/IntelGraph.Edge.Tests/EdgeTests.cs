using System.Net;
using System.Text.Json;
using IntelGraph.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Edge.Tests;

/// <summary>
/// The edge with two colour backends on 127.0.0.1, moved by <c>intelgraph switch</c> and
/// <c>intelgraph rollback</c> run in this process.
/// </summary>
public sealed class EdgeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("intelgraph-edge-").FullName;
    private ColourBackend _blue = null!;
    private ColourBackend _green = null!;
    private EdgeSettings _settings = null!;
    private WebApplication? _edge;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _blue = await ColourBackend.StartAsync("blue");
        _green = await ColourBackend.StartAsync("green");
        var configuration = Path.Combine(_folder, "edge.json");
        await File.WriteAllTextAsync(configuration, $$"""
            {
              "listen": "http://127.0.0.1:{{ColourBackend.FreePort()}}",
              "admin": "http://127.0.0.1:{{ColourBackend.FreePort()}}",
              "blue": "{{_blue.Address}}",
              "green": "{{_green.Address}}",
              "stateFile": "state/edge-state.json",
              "idleRetentionHours": 24
            }
            """, Cancellation);
        _settings = await EdgeSettings.ReadAsync(configuration, Cancellation);
        _client = new HttpClient { BaseAddress = _settings.Listen, Timeout = TimeSpan.FromSeconds(30) };
        await StartEdgeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await StopEdgeAsync();
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Switch_lets_slow_request_finish()
    {
        Assert.Equal("blue", await ColourAsync());
        var slow = _client.GetStringAsync("/slow", Cancellation);
        await _blue.SlowArrived.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        var switched = await CliAsync("switch", "--to", "green", "--by", "alice", "--reason", "release 2", "--json");

        Assert.True(switched.ExitCode == ExitCodes.Ok, switched.ToString());
        using (var json = JsonDocument.Parse(switched.Output))
        {
            Assert.Equal("green", json.RootElement.GetProperty("active").GetString());
            Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
        }

        Assert.False(slow.IsCompleted);
        for (var request = 0; request < 5; request++)
        {
            Assert.Equal("green", await ColourAsync());
        }

        _blue.ReleaseSlow();
        Assert.Equal("blue", await slow);
    }

    [Fact]
    public async Task Rollback_returns_to_blue_and_logs()
    {
        var switched = await CliAsync("switch", "--to", "green", "--by", "alice");
        Assert.True(switched.ExitCode == ExitCodes.Ok, switched.ToString());
        Assert.Contains("Traffic moved to green", switched.Output, StringComparison.Ordinal);
        Assert.Equal("green", await ColourAsync());

        var rolledBack = await CliAsync("rollback", "--by", "bob", "--reason", "p95 regressed");

        Assert.True(rolledBack.ExitCode == ExitCodes.Ok, rolledBack.ToString());
        Assert.Equal("blue", await ColourAsync());
        var state = await new EdgeStateFile(_settings.StateFile).ReadAsync(Cancellation);
        Assert.Equal(EdgeSide.Blue, state.Active);
        Assert.Equal(2, state.Log.Count);
        Assert.Equal((EdgeSide.Blue, EdgeSide.Green, "switch", "alice", (string?)null), (state.Log[0].From, state.Log[0].To, state.Log[0].Kind, state.Log[0].By, state.Log[0].Reason));
        Assert.Equal((EdgeSide.Green, EdgeSide.Blue, "rollback", "bob", "p95 regressed"), (state.Log[1].From, state.Log[1].To, state.Log[1].Kind, state.Log[1].By, state.Log[1].Reason));
        Assert.True(state.Log[1].At >= state.Log[0].At);
        Assert.Contains("\"to\": \"blue\"", await File.ReadAllTextAsync(_settings.StateFile, Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarted_edge_keeps_its_side()
    {
        var switched = await CliAsync("switch", "--to", "green", "--by", "alice");
        Assert.True(switched.ExitCode == ExitCodes.Ok, switched.ToString());

        await StopEdgeAsync();
        await StartEdgeAsync();

        Assert.Equal("green", await ColourAsync());
        using var admin = new HttpClient { BaseAddress = _settings.Admin };
        using var state = JsonDocument.Parse(await admin.GetStringAsync("/_edge/state", Cancellation));
        Assert.Equal("green", state.RootElement.GetProperty("active").GetString());
        Assert.Equal(1, state.RootElement.GetProperty("log").GetArrayLength());
        var switchedAt = state.RootElement.GetProperty("switchedAt").GetDateTimeOffset();
        Assert.Equal(switchedAt.AddHours(24), state.RootElement.GetProperty("idleRetainedUntil").GetDateTimeOffset());
    }

    [Fact]
    public async Task Unhealthy_side_is_rejected_without_force()
    {
        _green.HealthStatus = 503;

        var rejected = await CliAsync("switch", "--to", "green", "--by", "alice");

        Assert.Equal(ExitCodes.Failure, rejected.ExitCode);
        Assert.Contains("green is not healthy", rejected.Error, StringComparison.Ordinal);
        Assert.Equal("blue", await ColourAsync());
        Assert.False(File.Exists(_settings.StateFile));

        var forced = await CliAsync("switch", "--to", "green", "--by", "alice", "--force");

        Assert.True(forced.ExitCode == ExitCodes.Ok, forced.ToString());
        Assert.Equal("green", await ColourAsync());
    }

    [Fact]
    public async Task Rollback_without_switch_is_rejected()
    {
        var result = await CliAsync("rollback", "--by", "bob");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("nothing to roll back", result.Error, StringComparison.Ordinal);
        Assert.Equal("blue", await ColourAsync());
    }

    [Fact]
    public async Task Switch_endpoints_hidden_on_client_address()
    {
        using var content = new StringContent("""{"to":"green","by":"mallory"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/_edge/switch", content, Cancellation);
        using var state = await _client.GetAsync("/_edge/state", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        Assert.Equal("blue", await ColourAsync());

        using var admin = new HttpClient { BaseAddress = _settings.Admin };
        using var proxied = await admin.GetAsync("/colour", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
    }

    private Task<string> ColourAsync() => _client.GetStringAsync("/colour", Cancellation);

    private async Task StartEdgeAsync()
    {
        _edge = await EdgeHost.BuildAsync(_settings, builder => builder.Logging.ClearProviders(), Cancellation);
        await _edge.StartAsync(Cancellation);
    }

    private async Task StopEdgeAsync()
    {
        if (_edge is not null)
        {
            await _edge.StopAsync(Cancellation);
            await _edge.DisposeAsync();
            _edge = null;
        }
    }

    private async Task<CliResult> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await IntelGraphCommandLine.InvokeAsync(
            [.. args, "--admin", _settings.Admin.ToString()],
            new CliEnvironment { Out = output, Error = error },
            Cancellation);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
