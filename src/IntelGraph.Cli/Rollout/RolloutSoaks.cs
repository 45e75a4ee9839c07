using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Flags.Rollout;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Signoff;

namespace IntelGraph.Cli.Rollout;

/// <summary>Reads the soaks that ended (clean or halted) from a rollout state file, as sign-off evidence.</summary>
internal static class RolloutSoaks
{
    /// <exception cref="InvalidInputException">The file is missing, or a line is not a state entry or has an unreadable soak.</exception>
    public static async Task<SoakEvidence> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var log = new RolloutStateLog(path);
        if (!File.Exists(log.Path))
        {
            throw new InvalidInputException($"The rollout state file '{log.Path}' does not exist. Name the file intelgraph rollout wrote (rollout-state.jsonl beside the flags file by default).");
        }

        var bytes = await File.ReadAllBytesAsync(log.Path, cancellationToken);
        var steps = new List<SoakedStep>();
        foreach (var entry in await log.ReadAsync(cancellationToken))
        {
            if (entry.Decision == StepDecision.Applied)
            {
                continue;
            }

            var soaked = TimeSpan.Zero;
            if (entry.Soaked is not null && !RolloutDuration.TryParse(entry.Soaked, out soaked))
            {
                throw new InvalidInputException($"{log.Path}: step {entry.Step} records a soak of '{entry.Soaked}', which is not a duration such as 30m or 24h.");
            }

            steps.Add(new SoakedStep(entry.Environment, entry.Step, entry.Name, soaked, entry.Decision == StepDecision.Completed, entry.At, Describe(entry.Maximum)));
        }

        return new SoakEvidence(log.Path, EvidenceFile.Digest(bytes), steps);
    }

    private static string Describe(MetricsMaximum? maximum)
    {
        if (maximum is null)
        {
            return "none recorded";
        }

        static string Value(double? value) => value is null ? "no data" : value.Value.ToString("0.###", CultureInfo.InvariantCulture);

        return $"graph p95 {Value(maximum.GraphQueryP95Milliseconds)} ms, policy denied {Value(maximum.PolicyDeniedPercent)} %, "
            + $"budget denials {Value(maximum.BudgetDenialsPerHour)}/h, wallet revocations {Value(maximum.WalletRevocationsPerHour)}/h";
    }
}
