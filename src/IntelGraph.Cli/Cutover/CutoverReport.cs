using System.Globalization;

namespace IntelGraph.Cli.Cutover;

/// <summary>The cutover as its timeline records it: each step's duration, the outcome and how long writes were frozen.</summary>
/// <param name="Outcome">How the cutover ended, or null when it stopped before its end and can be resumed.</param>
/// <param name="WriteFreezeSeconds">From the old side's freeze to the moment writes opened again on either side; null while still frozen.</param>
internal sealed record CutoverReport(
    string Plan,
    string Timeline,
    bool Resumed,
    CutoverOutcome? Outcome,
    string? Detail,
    double? WriteFreezeSeconds,
    IReadOnlyList<CutoverStepReport> Steps)
{
    public static CutoverReport From(CutoverPlan plan, string timeline, IReadOnlyList<TimelineEntry> entries, bool resumed)
    {
        var steps = entries
            .Where(entry => entry.Event is TimelineEntry.Done or TimelineEntry.Failed)
            .Select(entry => new CutoverStepReport(CutoverRunner.Name(entry.Step!.Value), entry.Event, entry.At, entry.Seconds ?? 0, entry.Detail ?? string.Empty))
            .ToList();
        var ended = entries.LastOrDefault(entry => entry.Event == TimelineEntry.Ended);

        var frozenAt = entries.LastOrDefault(entry => entry is { Event: TimelineEntry.Done, Step: CutoverStep.Freeze })?.Data?.GetValueOrDefault("frozenAt");
        var opened = entries.LastOrDefault(entry => entry is { Event: TimelineEntry.Done, Step: CutoverStep.Unfreeze })?.At ?? ended?.At;
        double? freeze = frozenAt is not null && opened is { } at
            ? (at - DateTimeOffset.Parse(frozenAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).TotalSeconds
            : null;

        return new CutoverReport(plan.Path, timeline, resumed, ended?.Outcome, ended?.Detail, freeze, steps);
    }
}

/// <param name="Event"><c>done</c>, or <c>failed</c> for the step that ended the cutover early.</param>
internal sealed record CutoverStepReport(string Step, string Event, DateTimeOffset At, double Seconds, string Detail);
