using IntelGraph.Flags.Model;

namespace IntelGraph.Flags.Rollout;

/// <summary>
/// A staged flag rollout for one environment: ordered steps that each set some flags, with an optional
/// soak time before a step and settings that every step must keep. The file format is in docs/flags.md.
/// </summary>
/// <param name="Keep">Settings in force from the first step on; no step may set these flags to anything else.</param>
public sealed record RolloutPlan(string Environment, IReadOnlyDictionary<string, FlagSetting> Keep, IReadOnlyList<RolloutStep> Steps)
{
    /// <summary>
    /// The soak of a plan without <c>soak</c>: the alert rules' 5-minute rate window plus the longest
    /// <c>for</c> duration (15 minutes) of those rules, rounded up, so an alert caused by a step can fire
    /// before the next step starts.
    /// </summary>
    public static readonly TimeSpan DefaultSoak = TimeSpan.FromMinutes(30);

    /// <summary>The rate window of a plan without <c>window</c>, the same 5 minutes as the alert rules.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>How long each step is watched after it is applied, unless the next step's <see cref="RolloutStep.SoakBefore"/> is longer.</summary>
    public TimeSpan Soak { get; init; } = DefaultSoak;

    /// <summary>The window over which the graph query p95 and the policy deny share are computed.</summary>
    public TimeSpan Window { get; init; } = DefaultWindow;

    public RolloutThresholds Thresholds { get; init; } = RolloutThresholds.None;

    /// <summary>Returns how long the step at <paramref name="index"/> is watched: the plan's soak or the next step's <c>soakBefore</c>, whichever is longer.</summary>
    public TimeSpan SoakAfter(int index)
    {
        var next = index + 1 < Steps.Count ? Steps[index + 1].SoakBefore : null;
        return next is { } soakBefore && soakBefore > Soak ? soakBefore : Soak;
    }
}

/// <summary>One step of a <see cref="RolloutPlan"/>.</summary>
/// <param name="Name">A short id: lowercase letters, digits and '-'.</param>
/// <param name="SoakBefore">How long the previous step must run cleanly before this one starts; null to start at once.</param>
/// <param name="Set">The flags this step changes and their new settings.</param>
/// <param name="Monitor">Alert names to watch while this step soaks; with a Prometheus server, the rollout halts while one of them fires.</param>
public sealed record RolloutStep(
    string Name,
    string Description,
    TimeSpan? SoakBefore,
    IReadOnlyDictionary<string, FlagSetting> Set,
    IReadOnlyList<string> Monitor);
