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
