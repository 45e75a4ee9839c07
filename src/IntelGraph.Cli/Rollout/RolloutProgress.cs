using IntelGraph.Flags.Rollout;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// Writes a rollout's progress as plain lines: each step applied, every reading, and each decision.
/// With <c>--json</c> the lines go to standard error, so standard output carries only the JSON result.
/// </summary>
internal sealed class RolloutProgress(TextWriter writer)
{
    public Task NothingToDoAsync(int steps) =>
        writer.WriteLineAsync($"Every one of the plan's {steps} steps has completed; nothing to do.");

    public Task AppliedAsync(int index, int count, RolloutStep step, RolloutRunner.AppliedStep applied, TimeSpan soak, string source)
    {
        var action = applied switch
        {
            { Resumed: true } => $"applied by an earlier run (revision {applied.Revision}); soaking it again",
            { Changed: false } => "already in the flags file, nothing written",
            _ => $"applied (revision {applied.Revision})",
        };
        return writer.WriteLineAsync($"{Prefix(index, count, step.Name)} {action}; soaking {RolloutDuration.Format(soak)}, reading {source}.");
    }

    public Task ReadingAsync(int index, int count, TimeSpan elapsed, TimeSpan soak, MetricsReading reading, IReadOnlyList<string> crossed)
    {
        var values = $"graph p95 {ThresholdCheck.Number(reading.GraphQueryP95Milliseconds)} ms, "
            + $"policy denials {ThresholdCheck.Number(reading.PolicyDeniedPercent)} %, "
            + $"budget denials {ThresholdCheck.Number(reading.BudgetDenialsPerHour)}/h"
            + (reading is { BudgetDenialsTenant: { } tenant, BudgetDenialsPerHour: > 0 } ? $" ({tenant})" : string.Empty)
            + $", wallet revocations {ThresholdCheck.Number(reading.WalletRevocationsPerHour)}/h";
        var firing = reading.FiringAlerts.Count > 0 ? $", firing {string.Join(", ", reading.FiringAlerts)}" : string.Empty;
        var verdict = crossed.Count > 0 ? " THRESHOLD CROSSED" : string.Empty;
        return writer.WriteLineAsync($"  {Clock(elapsed)} of {Clock(soak)}: {values}{firing}{verdict}");
    }

    public Task ReadFailedAsync(int index, int count, string message) =>
        writer.WriteLineAsync($"  warning: reading the metrics failed: {message}");

    public Task WarnAsync(string message) => writer.WriteLineAsync($"warning: {message}");

    public Task DecidedAsync(int index, int count, StepOutcome outcome) =>
        writer.WriteLineAsync(outcome.Decision == StepDecision.Completed
            ? $"{Prefix(index, count, outcome.Name)} completed after a clean soak of {outcome.Soaked} ({outcome.Reads} readings)."
            : $"{Prefix(index, count, outcome.Name)} halted after {outcome.Soaked}: {string.Join("; ", outcome.Crossed)}. The flags file is restored (revision {outcome.Revision}).");

    private static string Prefix(int index, int count, string name) => $"Step {index + 1}/{count} {name}:";

    private static string Clock(TimeSpan span) => $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}";
}
