namespace IntelGraph.Cli.Cutover;

/// <summary>A ledger claim as a side's API returns it: its id, its digest and its body, kept byte for byte.</summary>
/// <param name="Body">The claim's JSON text exactly as the side returned it.</param>
internal sealed record CarriedClaim(string Id, string Digest, string Body);

/// <summary>A case with its tasks and report metadata, as the cutover compares and copies them.</summary>
internal sealed record CarriedCase(
    string Id,
    string Name,
    string Status,
    string? Owner,
    string? Severity,
    IReadOnlyList<CarriedTask> Tasks,
    IReadOnlyList<CarriedReport> Reports)
{
    /// <summary>True when the case's own fields match; its tasks and reports are compared one by one.</summary>
    public bool SameFieldsAs(CarriedCase other) =>
        Name == other.Name && Status == other.Status && Owner == other.Owner && Severity == other.Severity;
}

/// <summary>A task; its <c>updatedAt</c> is left out, because the side that stores a copy sets its own.</summary>
internal sealed record CarriedTask(string Id, string Title, string Status, string? Assignee);

internal sealed record CarriedReport(string Id, string Title, string? Audience, string? FileKey);

/// <summary>A tenant's claims read from one side, in append order, and where the next read should start.</summary>
/// <param name="Cursor">The ledger cursor after the last claim read, to read only newer claims next time.</param>
internal sealed record ClaimRead(IReadOnlyList<CarriedClaim> Claims, string? Cursor);
