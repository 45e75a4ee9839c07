using IntelGraph.Flags.Model;

namespace IntelGraph.Flags.Rollout;

/// <summary>
/// A staged flag rollout for one environment: ordered steps that each set some flags, with an optional
/// soak time before a step and settings that every step must keep. The file format is in docs/flags.md.
/// </summary>
/// <param name="Keep">Settings in force from the first step on; no step may set these flags to anything else.</param>
public sealed record RolloutPlan(string Environment, IReadOnlyDictionary<string, FlagSetting> Keep, IReadOnlyList<RolloutStep> Steps);

/// <summary>One step of a <see cref="RolloutPlan"/>.</summary>
/// <param name="Name">A short id: lowercase letters, digits and '-'.</param>
/// <param name="SoakBefore">How long the previous step must run cleanly before this one starts; null to start at once.</param>
/// <param name="Set">The flags this step changes and their new settings.</param>
/// <param name="Monitor">What to watch while this step runs, such as Prometheus alert names.</param>
public sealed record RolloutStep(
    string Name,
    string Description,
    TimeSpan? SoakBefore,
    IReadOnlyDictionary<string, FlagSetting> Set,
    IReadOnlyList<string> Monitor);
