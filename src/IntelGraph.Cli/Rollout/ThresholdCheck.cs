using System.Globalization;
using IntelGraph.Flags.Rollout;

namespace IntelGraph.Cli.Rollout;

/// <summary>Compares a reading with a plan's thresholds. A value equal to its limit is within it, as in the alert rules' <c>&gt;</c>.</summary>
internal static class ThresholdCheck
{
    /// <summary>Returns one sentence per crossed threshold and per firing alert, or none when the reading is within every limit.</summary>
    public static List<string> Crossings(MetricsReading reading, RolloutThresholds thresholds)
    {
        var crossings = new List<string>();
        if (Above(reading.GraphQueryP95Milliseconds, thresholds.GraphQueryP95Milliseconds))
        {
            crossings.Add($"graph query p95 {Number(reading.GraphQueryP95Milliseconds)} ms is above {Number(thresholds.GraphQueryP95Milliseconds)} ms");
        }

        if (Above(reading.PolicyDeniedPercent, thresholds.PolicyDeniedPercent))
        {
            crossings.Add($"policy denials {Number(reading.PolicyDeniedPercent)} % are above {Number(thresholds.PolicyDeniedPercent)} %");
        }

        if (Above(reading.BudgetDenialsPerHour, thresholds.BudgetDenialsPerHour))
        {
            crossings.Add($"budget denials of tenant {reading.BudgetDenialsTenant} in the last hour ({Number(reading.BudgetDenialsPerHour)}) are above {Number(thresholds.BudgetDenialsPerHour)}");
        }

        if (Above(reading.WalletRevocationsPerHour, thresholds.WalletRevocationsPerHour))
        {
            crossings.Add($"wallet revocations in the last hour ({Number(reading.WalletRevocationsPerHour)}) are above {Number(thresholds.WalletRevocationsPerHour)}");
        }

        crossings.AddRange(reading.FiringAlerts.Select(alert => $"alert {alert} is firing"));
        return crossings;
    }

    /// <summary>Formats a reading's value with at most one decimal, or <c>-</c> for no data.</summary>
    public static string Number(double? value) =>
        value is { } number ? Math.Round(number, 1).ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static bool Above(double? value, double? limit) => value is { } actual && limit is { } maximum && actual > maximum;
}
