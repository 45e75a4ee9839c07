using IntelGraph.Core;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Migration.Storage;

/// <summary>The quarantine, the journal of exports applied to each tenant, and the lookups a migration makes across the ledger and the manifests.</summary>
public interface IMigrationStore
{
    /// <summary>Adds a quarantined record. Returns false, storing nothing, when the same source location is already quarantined.</summary>
    Task<bool> TryQuarantineAsync(QuarantinedRecord record, CancellationToken cancellationToken);

    Task<QuarantinedRecord?> FindQuarantinedAsync(TenantId tenant, SourceLocation location, CancellationToken cancellationToken);

    /// <summary>Lists the tenant's quarantined records by file and line; resolved ones only when asked.</summary>
    Task<IReadOnlyList<QuarantinedRecord>> ListQuarantinedAsync(TenantId tenant, bool includeResolved, CancellationToken cancellationToken);

    Task MarkResolvedAsync(TenantId tenant, SourceLocation location, DateTimeOffset resolvedAt, CancellationToken cancellationToken);

    /// <summary>Records that an export part (the base or one delta) was applied completely. Recording it again changes nothing.</summary>
    Task RecordAppliedAsync(AppliedExport applied, CancellationToken cancellationToken);

    /// <summary>Lists the export parts applied to the tenant, in the order they were first applied.</summary>
    Task<IReadOnlyList<AppliedExport>> ListAppliedAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="limit"/> ids of claims whose origin file is <paramref name="originFile"/>, whose
    /// sequence is greater than <paramref name="afterSequence"/> and that no manifest seals, in append order.
    /// </summary>
    /// <remarks>One query in the store, where paging through the ledger and asking the manifests about each page took two round trips per page.</remarks>
    Task<IReadOnlyList<LedgerPosition>> ReadUnsealedClaimsAsync(TenantId tenant, string originFile, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Readies this session for a bulk import, which changes index pages all over the tenant's tables. The default does
    /// nothing, because a server store sizes its caches itself.
    /// </summary>
    Task PrepareBulkImportAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>An export part applied to a tenant.</summary>
/// <param name="Part">"base" or the delta's relative folder, such as <c>deltas/0001</c>.</param>
/// <param name="ExportRoot">The full path of the export's root folder when it was applied.</param>
public sealed record AppliedExport(TenantId Tenant, string Part, string ExportRoot, DateTimeOffset AppliedAt);
