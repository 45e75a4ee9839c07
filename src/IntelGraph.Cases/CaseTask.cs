namespace IntelGraph.Cases;

/// <summary>A unit of work inside a case.</summary>
/// <param name="Status">The task's state as its source wrote it (for example <c>open</c> or <c>done</c>).</param>
/// <param name="UpdatedAt">The RFC 3339 time of the task's last change; a delta replaces a task only with a later one.</param>
public sealed record CaseTask(string Id, string CaseId, string? Assignee, string Title, string Status, string UpdatedAt);
