using IntelGraph.Cli.Rollout;
using IntelGraph.Core;

namespace IntelGraph.Cli.Tests;

/// <summary>Reading a rollout state file's soaks as sign-off evidence.</summary>
public sealed class RolloutSoaksTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ended_soaks_are_read_with_the_file_digest()
    {
        using var workspace = new Workspace();
        var path = workspace.PathOf("rollout-state.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            """{"at":"2026-12-01T00:00:00+00:00","decision":"applied","plan":"p.yaml","environment":"prod","step":1,"name":"prod mode","flagsFile":"f.yaml","revision":"r1","flagsBefore":"x"}""",
            """{"at":"2026-12-02T00:00:00+00:00","decision":"completed","plan":"p.yaml","environment":"prod","step":1,"name":"prod mode","flagsFile":"f.yaml","revision":"r1","soaked":"24h","reads":96,"maximum":{"graphQueryP95Milliseconds":41.5}}""",
            """{"at":"2026-12-02T01:00:00+00:00","decision":"reverted","plan":"p.yaml","environment":"prod","step":2,"name":"xai","flagsFile":"f.yaml","revision":"r2","soaked":"10m","crossed":["budget"]}""",
        ], Token);

        var evidence = await RolloutSoaks.ReadAsync(path, Token);

        Assert.Equal(2, evidence.Steps.Count);
        Assert.Equal(TimeSpan.FromHours(24), evidence.Steps[0].Soaked);
        Assert.True(evidence.Steps[0].Completed);
        Assert.Contains("graph p95 41.5 ms", evidence.Steps[0].Maxima, StringComparison.Ordinal);
        Assert.False(evidence.Steps[1].Completed);
        Assert.StartsWith("sha256:", evidence.Sha256, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_invalid_input()
    {
        using var workspace = new Workspace();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => RolloutSoaks.ReadAsync(workspace.PathOf("none.jsonl"), Token));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
