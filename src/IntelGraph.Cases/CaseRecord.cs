namespace IntelGraph.Cases;

/// <summary>An investigation that groups tasks and reports.</summary>
/// <param name="Status">One of <see cref="CaseStatus"/>'s values.</param>
public sealed record CaseRecord(string Id, string Name, string Status, string? Owner);

/// <summary>The case statuses IntelGraph uses. Migrated legacy cases start as <see cref="Open"/>.</summary>
public static class CaseStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}
