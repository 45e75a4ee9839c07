namespace IntelGraph.Cases;

/// <summary>A report's metadata; the report file itself lives in object storage under <paramref name="FileKey"/>.</summary>
/// <param name="Audience">Who may receive the report, for example <c>internal</c> or <c>partner</c>.</param>
public sealed record ReportMeta(string Id, string CaseId, string Title, string? Audience, string? FileKey);
