namespace IntelGraph.Migration.Export;

/// <summary>The content of an export part's <c>export.json</c>.</summary>
/// <param name="Tenant">The tenant's name in the pilot stack, as written, which need not be a valid <see cref="Core.TenantId"/>.</param>
/// <param name="Counts">Records per table that the pilot stack reports it exported, keyed by table name such as <c>claims</c>. Tables the file leaves out are absent.</param>
/// <param name="ExportedAt">When the base export was taken, or null when the file leaves it out, as deltas do.</param>
/// <param name="Since">For a delta, the time after which its changes were made, or null when the file leaves it out.</param>
/// <param name="Watermark">The point up to which the part includes changes, or null when the file leaves it out.</param>
/// <param name="UpdatedTasks">For a delta, the ids of base tasks whose state changed, or empty when the file lists none.</param>
public sealed record ExportManifest(
    string Tenant,
    IReadOnlyDictionary<string, long> Counts,
    DateTimeOffset? ExportedAt,
    DateTimeOffset? Since,
    DateTimeOffset? Watermark,
    IReadOnlyList<string> UpdatedTasks);
