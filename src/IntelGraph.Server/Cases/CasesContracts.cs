using IntelGraph.Cases;

namespace IntelGraph.Server.Cases;

/// <summary>A page of a list ordered by id.</summary>
/// <param name="NextCursor">The <c>after</c> value that reads the next page, or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>The body of <c>POST /cases</c>. Without an id the server makes one.</summary>
/// <param name="Status"><c>open</c> (the default) or <c>closed</c>.</param>
/// <param name="Severity"><c>low</c>, <c>med</c> or <c>high</c>, or absent; it picks the query budget for the case's graph queries.</param>
public sealed record CaseCreateRequest(string? Id, string? Name, string? Status, string? Owner, string? Severity = null);

/// <summary>The body of <c>PUT /cases/{caseId}</c>: the case's new name, status and owner (null removes the owner).</summary>
/// <param name="Severity"><c>low</c>, <c>med</c> or <c>high</c>; absent clears it.</param>
public sealed record CaseUpdateRequest(string? Name, string? Status, string? Owner, string? Severity = null);

public sealed record CaseResponse(string Id, string Name, string Status, string? Owner, string? Severity)
{
    public static CaseResponse From(CaseRecord record) => new(record.Id, record.Name, record.Status, record.Owner, record.Severity);
}

/// <summary>The body of <c>POST /cases/{caseId}/tasks</c>. Without an id the server makes one; the status defaults to <c>open</c>.</summary>
public sealed record TaskCreateRequest(string? Id, string? Title, string? Status, string? Assignee);

/// <summary>The body of <c>PUT /cases/{caseId}/tasks/{taskId}</c>: the task's new title, status and assignee (null removes the assignee).</summary>
public sealed record TaskUpdateRequest(string? Title, string? Status, string? Assignee);

/// <param name="UpdatedAt">The RFC 3339 UTC time of the task's last change.</param>
public sealed record TaskResponse(string Id, string CaseId, string Title, string Status, string? Assignee, string UpdatedAt)
{
    public static TaskResponse From(CaseTask task) => new(task.Id, task.CaseId, task.Title, task.Status, task.Assignee, task.UpdatedAt);
}

/// <summary>The body of <c>POST /cases/{caseId}/reports</c>. Without an id the server makes one.</summary>
/// <param name="Audience">Who may receive the report, for example <c>internal</c> or <c>partner</c>.</param>
/// <param name="FileKey">Where the report file lives in object storage.</param>
public sealed record ReportCreateRequest(string? Id, string? Title, string? Audience, string? FileKey);

/// <summary>The body of <c>PUT /cases/{caseId}/reports/{reportId}</c>: the new title, audience and file key (null removes either).</summary>
public sealed record ReportUpdateRequest(string? Title, string? Audience, string? FileKey);

public sealed record ReportResponse(string Id, string CaseId, string Title, string? Audience, string? FileKey)
{
    public static ReportResponse From(ReportMeta report) => new(report.Id, report.CaseId, report.Title, report.Audience, report.FileKey);
}
