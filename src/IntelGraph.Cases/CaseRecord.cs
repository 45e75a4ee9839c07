namespace IntelGraph.Cases;

/// <summary>An investigation that groups tasks and reports.</summary>
/// <param name="Status">One of <see cref="CaseStatus"/>'s values.</param>
/// <param name="Severity">One of <see cref="CaseSeverity"/>'s values, or null when the case is not rated. Migrated legacy cases have none.</param>
public sealed record CaseRecord(string Id, string Name, string Status, string? Owner, string? Severity = null);

/// <summary>The case statuses IntelGraph uses. Migrated legacy cases start as <see cref="Open"/>.</summary>
public static class CaseStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>How severe a case is, which picks the query budget for the graph queries asked for it.</summary>
public static class CaseSeverity
{
    public const string Low = "low";
    public const string Med = "med";
    public const string High = "high";

    public static IReadOnlyList<string> All { get; } = [Low, Med, High];

    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
