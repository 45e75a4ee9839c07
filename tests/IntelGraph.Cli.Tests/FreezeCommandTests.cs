using System.Text.Json;
using IntelGraph.Storage;

namespace IntelGraph.Cli.Tests;

/// <summary><c>intelgraph freeze --exempt-client</c>: what it stores, what it reports and the ids it rejects.</summary>
public sealed class FreezeCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Freeze_stores_and_reports_exempt_clients()
    {
        using var workspace = new Workspace();

        var first = await CliRun.InvokeAsync("freeze", "--banner", "Cutover", "--exempt-client", "cutover-tool", "--exempt-client", "smoke-gate", "--db", workspace.Database, "--json");
        var second = await CliRun.InvokeAsync("freeze", "--banner", "Cutover, last step", "--exempt-client", "intelgraph-api", "--db", workspace.Database, "--json");
        var text = await CliRun.InvokeAsync("freeze", "--banner", "Cutover, last step", "--exempt-client", "intelgraph-api", "--db", workspace.Database);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        using var firstJson = JsonDocument.Parse(first.Output);
        using var secondJson = JsonDocument.Parse(second.Output);
        Assert.Equal(["cutover-tool", "smoke-gate"], ExemptClientsOf(firstJson.RootElement));
        Assert.Equal(["intelgraph-api"], ExemptClientsOf(secondJson.RootElement));
        Assert.Equal(firstJson.RootElement.GetProperty("frozenAt").GetDateTimeOffset(), secondJson.RootElement.GetProperty("frozenAt").GetDateTimeOffset());
        Assert.Contains("except for clients intelgraph-api", text.Output, StringComparison.Ordinal);

        await using var stores = await StoreOpener.OpenSessionAsync(workspace.StoreLocation("store.db"), TimeProvider.System, Token);
        var freeze = await stores.WriteFreeze.FindAsync(Token);
        Assert.NotNull(freeze);
        Assert.Equal("Cutover, last step", freeze.Banner);
        Assert.Equal(["intelgraph-api"], freeze.ExemptClients);
    }

    [Fact]
    public async Task Freeze_without_option_exempts_none()
    {
        using var workspace = new Workspace();

        var frozen = await CliRun.InvokeAsync("freeze", "--banner", "Cutover", "--exempt-client", "cutover-tool", "--db", workspace.Database, "--json");
        var refrozen = await CliRun.InvokeAsync("freeze", "--banner", "Cutover", "--db", workspace.Database, "--json");

        Assert.True(frozen.ExitCode == ExitCodes.Ok, frozen.ToString());
        Assert.True(refrozen.ExitCode == ExitCodes.Ok, refrozen.ToString());
        using var json = JsonDocument.Parse(refrozen.Output);
        Assert.Empty(ExemptClientsOf(json.RootElement));
    }

    [Theory]
    [InlineData("--exempt-client value 2", "ok", "has space")]
    [InlineData("--exempt-client value 1", "")]
    [InlineData("--exempt-client value 1", "ümlaut")]
    [InlineData("--exempt-client value 3", "a", "b", "tab\there")]
    public async Task Freeze_rejects_bad_exempt_client(string named, params string[] clients)
    {
        using var workspace = new Workspace();

        var result = await CliRun.InvokeAsync([.. Arguments(workspace, clients)]);
        var unfreeze = await CliRun.InvokeAsync("unfreeze", "--db", workspace.Database, "--json");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains($"error: {named} ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        using var json = JsonDocument.Parse(unfreeze.Output);
        Assert.False(json.RootElement.GetProperty("wasFrozen").GetBoolean());
    }

    [Fact]
    public async Task Freeze_rejects_too_many_or_long_ids()
    {
        using var workspace = new Workspace();
        var twenty = Enumerable.Range(0, 20).Select(i => $"client-{i}").ToArray();

        var tooMany = await CliRun.InvokeAsync([.. Arguments(workspace, [.. twenty, "client-20"])]);
        var tooLong = await CliRun.InvokeAsync([.. Arguments(workspace, [new string('a', 200), new string('a', 201)])]);
        var unfreeze = await CliRun.InvokeAsync("unfreeze", "--db", workspace.Database, "--json");
        var atLimits = await CliRun.InvokeAsync([.. Arguments(workspace, [.. twenty[..19], new string('a', 200)]), "--json"]);

        Assert.True(tooMany.ExitCode == ExitCodes.Usage, tooMany.ToString());
        Assert.Contains("error: --exempt-client has 21 client ids, but at most 20 are allowed.", tooMany.Error, StringComparison.Ordinal);
        Assert.True(tooLong.ExitCode == ExitCodes.Usage, tooLong.ToString());
        Assert.Contains("error: --exempt-client value 2 has 201 characters", tooLong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("value 1", tooLong.Error, StringComparison.Ordinal);
        using var unfrozen = JsonDocument.Parse(unfreeze.Output);
        Assert.False(unfrozen.RootElement.GetProperty("wasFrozen").GetBoolean());
        Assert.True(atLimits.ExitCode == ExitCodes.Ok, atLimits.ToString());
        using var json = JsonDocument.Parse(atLimits.Output);
        Assert.Equal(20, ExemptClientsOf(json.RootElement).Length);
    }

    private static IEnumerable<string> Arguments(Workspace workspace, string[] clients)
    {
        string[] command = ["freeze", "--banner", "Cutover", "--db", workspace.Database];
        return command.Concat(clients.SelectMany(client => new[] { "--exempt-client", client }));
    }

    private static string[] ExemptClientsOf(JsonElement output) =>
        [.. output.GetProperty("exemptClients").EnumerateArray().Select(client => client.GetString()!)];
}
