using IntelGraph.Core;

namespace IntelGraph.Cases.Storage;

/// <summary>Cases, their tasks and their report metadata, per tenant.</summary>
public interface ICaseStore
{
    Task<Stored<CaseRecord>?> FindCaseAsync(TenantId tenant, string caseId, CancellationToken cancellationToken);

    /// <summary>Inserts a case. Throws <see cref="StoreException"/> when the id exists.</summary>
    Task InsertCaseAsync(TenantId tenant, CaseRecord record, SourceLocation? origin, CancellationToken cancellationToken);

    Task<Stored<CaseTask>?> FindTaskAsync(TenantId tenant, string taskId, CancellationToken cancellationToken);

    /// <summary>Inserts a task. Throws <see cref="StoreException"/> when the id exists or its case does not.</summary>
    Task InsertTaskAsync(TenantId tenant, CaseTask task, SourceLocation? origin, CancellationToken cancellationToken);

    /// <summary>Replaces a stored task with a newer version and records where that version came from.</summary>
    Task ReplaceTaskAsync(TenantId tenant, CaseTask task, SourceLocation? origin, CancellationToken cancellationToken);

    Task<Stored<ReportMeta>?> FindReportAsync(TenantId tenant, string reportId, CancellationToken cancellationToken);

    /// <summary>Inserts report metadata. Throws <see cref="StoreException"/> when the id exists or its case does not.</summary>
    Task InsertReportAsync(TenantId tenant, ReportMeta report, SourceLocation? origin, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts each case whose id is free, in order, and returns for each one whether it was stored. Nothing is
    /// thrown for a case that is not stored, and a second case with the same id in one run is not stored.
    /// </summary>
    /// <remarks>The default implementation inserts one by one. Stores that can send many rows in one statement override it.</remarks>
    Task<IReadOnlyList<bool>> TryInsertCasesAsync(TenantId tenant, IReadOnlyList<Stored<CaseRecord>> cases, CancellationToken cancellationToken) =>
        StoreRuns.TryEachAsync(cases, record => InsertCaseAsync(tenant, record.Value, record.Origin, cancellationToken));

    /// <summary>
    /// Inserts each task whose id is free and whose case exists, in order, and returns for each one whether it was
    /// stored. Nothing is thrown for a task that is not stored, so the caller looks up why.
    /// </summary>
    /// <remarks>The default implementation inserts one by one. Stores that can send many rows in one statement override it.</remarks>
    Task<IReadOnlyList<bool>> TryInsertTasksAsync(TenantId tenant, IReadOnlyList<Stored<CaseTask>> tasks, CancellationToken cancellationToken) =>
        StoreRuns.TryEachAsync(tasks, task => InsertTaskAsync(tenant, task.Value, task.Origin, cancellationToken));

    /// <summary>
    /// Inserts each report whose id is free and whose case exists, in order, and returns for each one whether it was
    /// stored. Nothing is thrown for a report that is not stored, so the caller looks up why.
    /// </summary>
    /// <remarks>The default implementation inserts one by one. Stores that can send many rows in one statement override it.</remarks>
    Task<IReadOnlyList<bool>> TryInsertReportsAsync(TenantId tenant, IReadOnlyList<Stored<ReportMeta>> reports, CancellationToken cancellationToken) =>
        StoreRuns.TryEachAsync(reports, report => InsertReportAsync(tenant, report.Value, report.Origin, cancellationToken));

    /// <summary>Returns those of <paramref name="caseIds"/> that the tenant has a case for.</summary>
    /// <remarks>The default implementation looks the ids up one by one. Stores that can look up many in one statement override it.</remarks>
    async Task<IReadOnlySet<string>> FindExistingCaseIdsAsync(TenantId tenant, IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caseIds);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var caseId in caseIds)
        {
            if (await FindCaseAsync(tenant, caseId, cancellationToken).ConfigureAwait(false) is not null)
            {
                existing.Add(caseId);
            }
        }

        return existing;
    }

    /// <summary>Returns the stored tasks among <paramref name="taskIds"/>, keyed by id. An id with no task has no entry.</summary>
    /// <remarks>The default implementation looks the ids up one by one. Stores that can look up many in one statement override it.</remarks>
    async Task<IReadOnlyDictionary<string, Stored<CaseTask>>> FindTasksAsync(TenantId tenant, IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);

        var found = new Dictionary<string, Stored<CaseTask>>(StringComparer.Ordinal);
        foreach (var taskId in taskIds)
        {
            if (await FindTaskAsync(tenant, taskId, cancellationToken).ConfigureAwait(false) is { } task)
            {
                found[taskId] = task;
            }
        }

        return found;
    }

    Task<CaseCounts> CountAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Lists up to <paramref name="limit"/> cases whose id comes after <paramref name="afterId"/>, ordered by id as UTF-8 bytes compare.</summary>
    Task<IReadOnlyList<CaseRecord>> ListCasesAsync(TenantId tenant, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces a case's name, status and owner, keeping its origin. Returns false when the tenant has no case with that id.</summary>
    Task<bool> UpdateCaseAsync(TenantId tenant, CaseRecord record, CancellationToken cancellationToken);

    /// <summary>Lists up to <paramref name="limit"/> tasks of one case whose id comes after <paramref name="afterId"/>, ordered by id as UTF-8 bytes compare.</summary>
    Task<IReadOnlyList<CaseTask>> ListTasksAsync(TenantId tenant, string caseId, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Lists up to <paramref name="limit"/> reports of one case whose id comes after <paramref name="afterId"/>, ordered by id as UTF-8 bytes compare.</summary>
    Task<IReadOnlyList<ReportMeta>> ListReportsAsync(TenantId tenant, string caseId, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a report's title, audience and file key, keeping its case and origin. Returns false when
    /// the tenant has no report with that id.
    /// </summary>
    Task<bool> UpdateReportAsync(TenantId tenant, ReportMeta report, CancellationToken cancellationToken);
}

public sealed record CaseCounts(long Cases, long Tasks, long Reports);
