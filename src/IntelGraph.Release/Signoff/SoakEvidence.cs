namespace IntelGraph.Release.Signoff;

/// <summary>One rollout step's soak, as the rollout state file records it.</summary>
/// <param name="Completed">True when the soak ended clean; false when a threshold or a firing alert halted and reverted the step.</param>
/// <param name="Maxima">The highest value of each watched metric over the soak, as text for the checklist.</param>
public sealed record SoakedStep(string Environment, int Step, string Name, TimeSpan Soaked, bool Completed, DateTimeOffset At, string Maxima);

/// <summary>The soaks of a rollout state file, named by its path and SHA-256 so the checklist can cite it.</summary>
public sealed record SoakEvidence(string File, string Sha256, IReadOnlyList<SoakedStep> Steps);
