using IntelGraph.Cases;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Migration.Importing;

namespace IntelGraph.Migration.Reconciliation;

/// <summary>Whether and how the store contains one source record.</summary>
internal enum Presence
{
    /// <summary>Stored from this very source record, or, for a task, superseded by a newer version.</summary>
    Stored,

    /// <summary>An identical record is stored from another source record.</summary>
    Duplicate,

    /// <summary>Not stored at all, or stored with different content.</summary>
    Missing,
}

/// <summary>Looks up each kind of source record in the store, read-only.</summary>
internal sealed class RecordPresence(MigrationStores stores, TenantId tenant)
{
    public async Task<Presence> OfClaimAsync(ClaimSource claim, SourceLocation location, CancellationToken cancellationToken)
    {
        var stored = await stores.Ledger.FindDigestAsync(tenant, claim.Id, cancellationToken);
        if (stored is null)
        {
            return Presence.Missing;
        }

        string digest;
        try
        {
            digest = ClaimDigest.Compute(claim.Body.Span);
        }
        catch (InvalidInputException)
        {
            return Presence.Missing;
        }

        if (!string.Equals(stored.Value, digest, StringComparison.Ordinal))
        {
            return Presence.Missing;
        }

        return stored.Origin == location ? Presence.Stored : Presence.Duplicate;
    }

    public async Task<Presence> OfEntityAsync(GraphEntity entity, SourceLocation location, CancellationToken cancellationToken) =>
        Compare(await stores.Graph.FindEntityAsync(tenant, entity.Id, cancellationToken), entity, location);

    public async Task<Presence> OfEdgeAsync(GraphEdge edge, SourceLocation location, CancellationToken cancellationToken) =>
        Compare(await stores.Graph.FindEdgeAsync(tenant, edge.Id, cancellationToken), edge, location);

    public async Task<Presence> OfCaseAsync(CaseRecord record, SourceLocation location, CancellationToken cancellationToken) =>
        Compare(await stores.Cases.FindCaseAsync(tenant, record.Id, cancellationToken), record, location);

    public async Task<Presence> OfReportAsync(ReportMeta report, SourceLocation location, CancellationToken cancellationToken) =>
        Compare(await stores.Cases.FindReportAsync(tenant, report.Id, cancellationToken), report, location);

    public async Task<Presence> OfTaskAsync(CaseTask task, SourceLocation location, CancellationToken cancellationToken)
    {
        var stored = await stores.Cases.FindTaskAsync(tenant, task.Id, cancellationToken);
        var presence = Compare(stored, task, location);
        if (presence is Presence.Missing && stored is not null && CaseRecordImporter.CompareTimes(task.UpdatedAt, stored.Value.UpdatedAt) < 0)
        {
            return Presence.Stored;
        }

        return presence;
    }

    private static Presence Compare<T>(Stored<T>? stored, T record, SourceLocation location)
        where T : class
    {
        if (stored is null || !stored.Value.Equals(record))
        {
            return Presence.Missing;
        }

        return stored.Origin == location ? Presence.Stored : Presence.Duplicate;
    }
}
