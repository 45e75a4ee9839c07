using System.Globalization;
using System.Text.RegularExpressions;

namespace IntelGraph.Flags.Rollout;

/// <summary>
/// The duration format of rollout plans and of <c>intelgraph rollout</c>: a positive whole number of
/// seconds, minutes, hours or days, such as <c>30s</c>, <c>30m</c>, <c>24h</c> or <c>2d</c>.
/// </summary>
public static partial class RolloutDuration
{
    public const string Examples = "30s, 30m, 24h or 2d";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount == 0)
        {
            return false;
        }

        duration = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return true;
    }

    /// <summary>Formats a duration, rounded to whole seconds, in the largest unit that divides it, such as <c>1d</c>. Prometheus reads the same form.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds);
        return seconds switch
        {
            > 0 when seconds % 86_400 == 0 => $"{seconds / 86_400}d",
            > 0 when seconds % 3_600 == 0 => $"{seconds / 3_600}h",
            > 0 when seconds % 60 == 0 => $"{seconds / 60}m",
            _ => $"{seconds}s",
        };
    }

    [GeneratedRegex("^([0-9]{1,6})([smhd])$")]
    private static partial Regex DurationPattern();
}
