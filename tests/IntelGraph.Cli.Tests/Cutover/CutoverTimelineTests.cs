using IntelGraph.Cli.Cutover;
using IntelGraph.Core;

namespace IntelGraph.Cli.Tests.Cutover;

public sealed class CutoverTimelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeline_entries_round_trip()
    {
        var timeline = new CutoverTimeline(NewPath());
        var at = DateTimeOffset.Parse("2026-12-05T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await timeline.AppendAsync(new TimelineEntry(at, TimelineEntry.Started, CutoverStep.Freeze), Token);
        await timeline.AppendAsync(new TimelineEntry(at, TimelineEntry.Done, CutoverStep.Freeze, 0.25, "froze", new Dictionary<string, string> { ["frozenAt"] = "2026-12-05T04:00:00Z" }), Token);
        await timeline.AppendAsync(new TimelineEntry(at, TimelineEntry.Ended, Detail: "done", Outcome: CutoverOutcome.RolledBack), Token);

        var entries = await timeline.ReadAsync(Token);

        Assert.Equal([TimelineEntry.Started, TimelineEntry.Done, TimelineEntry.Ended], entries.Select(entry => entry.Event));
        Assert.Equal(CutoverStep.Freeze, entries[1].Step);
        Assert.Equal("2026-12-05T04:00:00Z", entries[1].Data!["frozenAt"]);
        Assert.Equal(CutoverOutcome.RolledBack, entries[2].Outcome);
        Assert.Contains("\"outcome\":\"rolled-back\"", await File.ReadAllTextAsync(timeline.Path, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_skips_cut_line()
    {
        var timeline = new CutoverTimeline(NewPath());
        var at = DateTimeOffset.UtcNow;
        await timeline.AppendAsync(new TimelineEntry(at, TimelineEntry.Done, CutoverStep.Presync, 1), Token);
        await File.AppendAllTextAsync(timeline.Path, """{"at":"2026-12-05T04:00:00Z","event":"do""", Token);

        Assert.Single(await timeline.ReadAsync(Token));

        await timeline.AppendAsync(new TimelineEntry(at, TimelineEntry.Done, CutoverStep.Freeze, 1), Token);
        var entries = await timeline.ReadAsync(Token);

        Assert.Equal([CutoverStep.Presync, CutoverStep.Freeze], entries.Select(entry => entry.Step!.Value));
    }

    [Fact]
    public async Task Timeline_damaged_line_named()
    {
        var path = NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "{\"at\":1}\n{\"at\":\"2026-12-05T04:00:00Z\",\"event\":\"done\"}\n", Token);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new CutoverTimeline(path).ReadAsync(Token));

        Assert.Contains("timeline.jsonl:1: not a cutover timeline entry", error.Message, StringComparison.Ordinal);
    }

    private static string NewPath() => Path.Combine(Path.GetTempPath(), "intelgraph-timeline", Guid.NewGuid().ToString("N"), CutoverTimeline.FileName);
}
