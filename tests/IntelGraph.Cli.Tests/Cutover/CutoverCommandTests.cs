using IntelGraph.Cli.Cutover;

namespace IntelGraph.Cli.Tests.Cutover;

/// <summary>
/// <c>intelgraph cutover run</c> with a plan it cannot use: it exits 2, as docs/cutover.md promises for an
/// invalid plan, names the file, and touches no deployment.
/// </summary>
public sealed class CutoverCommandTests : IDisposable
{
    private const string ValidPlan = """
        {
          "tenant": "pilot",
          "banner": "Moving to release 2",
          "edge": "http://127.0.0.1:9",
          "from": { "side": "blue", "url": "http://127.0.0.1:9", "store": "blue.db" },
          "to": { "side": "green", "url": "http://127.0.0.1:9", "store": "green.db" },
          "clients": "clients.json"
        }
        """;

    private const string Clients = """
        { "clients": [ { "clientId": "intelgraph-api", "secret": { "env": "INTELGRAPH_CUTOVER_COMMAND_TEST_SECRET" }, "tenant": "pilot", "roles": ["admin", "lead"] } ] }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("cutover-command-").FullName;

    [Theory]
    [InlineData("{ \"tenant\": ", "invalid cutover plan")]
    [InlineData("{ \"tenant\": \"pilot\", \"surprise\": 1 }", "invalid cutover plan")]
    [InlineData("null", "the cutover plan is empty")]
    public async Task Invalid_plan_exits_with_usage_code(string text, string expected)
    {
        var plan = await WriteAsync("plan.json", text);

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "cutover-run")), "An invalid plan started a run.");
    }

    [Fact]
    public async Task Missing_plan_exits_with_usage_code()
    {
        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", Path.Combine(_folder, "absent.json"), "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("absent.json: the cutover plan does not exist.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_operator_exits_with_usage_code()
    {
        await WriteAsync("clients.json", Clients);
        var plan = await WriteAsync("plan.json", ValidPlan.Replace("\"clients\": \"clients.json\"", "\"clients\": \"clients.json\", \"operator\": \"nobody\"", StringComparison.Ordinal));

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("operator: the client 'nobody' is not in the clients file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_clients_file_exits_with_usage_code()
    {
        var plan = await WriteAsync("plan.json", ValidPlan);

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("clients.json does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_client_secret_exits_with_usage_code()
    {
        await WriteAsync("clients.json", Clients.Replace("INTELGRAPH_CUTOVER_COMMAND_TEST_SECRET", "INTELGRAPH_CUTOVER_COMMAND_TEST_UNSET", StringComparison.Ordinal));
        var plan = await WriteAsync("plan.json", ValidPlan);

        var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("the secret of intelgraph-api (env:INTELGRAPH_CUTOVER_COMMAND_TEST_UNSET) is missing or empty", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "cutover-run")), "A plan with an unset secret started a run.");
    }

    [Fact]
    public async Task Second_run_of_folder_rejected()
    {
        Environment.SetEnvironmentVariable("INTELGRAPH_CUTOVER_COMMAND_TEST_SECRET", "secret");
        await WriteAsync("clients.json", Clients);
        var plan = await WriteAsync("plan.json", ValidPlan);
        var runFolder = Path.Combine(_folder, "cutover-run");

        using (RunFolderLock.Acquire(runFolder))
        {
            var result = await CliRun.InvokeAsync("cutover", "run", "--plan", plan, "--by", "release-captain");

            Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
            Assert.Contains($"Another cutover is running in {runFolder}", result.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(runFolder, "timeline.jsonl")), "The second run wrote the timeline.");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return path;
    }
}
