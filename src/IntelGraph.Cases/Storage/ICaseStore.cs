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
}

public sealed record CaseCounts(long Cases, long Tasks, long Reports);
