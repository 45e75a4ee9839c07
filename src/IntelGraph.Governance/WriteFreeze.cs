namespace IntelGraph.Governance;

/// <summary>A write freeze in force: writes are refused and users see <paramref name="Banner"/>.</summary>
public sealed record WriteFreeze(string Banner, DateTimeOffset FrozenAt);
