using System.Text.Json;

namespace IntelGraph.Cli.Tests.Cutover;

/// <summary>
/// Writes the figures of a cutover under load to the file named by <c>INTELGRAPH_CUTOVER_FIGURES</c>, for
/// bench/cutover.sh. Without the variable it writes nothing; the tests assert behaviour, not speed.
/// </summary>
internal static class CutoverFigures
{
    public const string Variable = "INTELGRAPH_CUTOVER_FIGURES";

    public static async Task RecordAsync(string name, double freezeSeconds, CutoverLoad load, JsonElement report, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path)
        {
            return;
        }

        var steps = report.GetProperty("steps").EnumerateArray().ToDictionary(step => step.GetProperty("step").GetString()!, step => step);
        DateTimeOffset StartOf(string step) => steps[step].GetProperty("at").GetDateTimeOffset() - TimeSpan.FromSeconds(steps[step].GetProperty("seconds").GetDouble());
        var freezeStarted = StartOf("freeze");
        var switchStarted = StartOf("switch");
        var switchDone = steps["switch"].GetProperty("at").GetDateTimeOffset();

        // Reads before the freeze are the baseline; reads from one second before the switch to one second after it show what the switch adds.
        var before = load.Reads.Where(read => read.At < freezeStarted).ToList();
        var around = load.Reads.Where(read => read.At >= switchStarted - TimeSpan.FromSeconds(1) && read.At <= switchDone + TimeSpan.FromSeconds(1)).ToList();

        var figures = new
        {
            name,
            freezeSeconds,
            steps = steps.ToDictionary(pair => pair.Key, pair => pair.Value.GetProperty("seconds").GetDouble()),
            reads = load.Reads.Count,
            failedReads = load.Reads.Count(read => read.Status != 200),
            writes = load.Writes.Count,
            acknowledgedWrites = load.Writes.Count(write => write.Response.Acknowledged),
            refusedWrites = load.Writes.Count(write => write.Response.Refused),
            readP99BeforeMs = P99(before),
            readP99AroundSwitchMs = P99(around),
            readsAroundSwitch = around.Count,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
    }

    private static double? P99(IReadOnlyList<Sample> reads)
    {
        if (reads.Count == 0)
        {
            return null;
        }

        var sorted = reads.Select(read => read.Latency.TotalMilliseconds).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.99 * sorted.Count) - 1)];
    }
}
