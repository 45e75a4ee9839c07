using IntelGraph.Core;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Migration.Importing;

/// <summary>Sets records aside in the quarantine, idempotently by source location.</summary>
internal sealed class QuarantineWriter(IMigrationStore store, TimeProvider timeProvider)
{
    public async Task<ImportOutcome> QuarantineAsync<T>(
        TenantId tenant,
        string table,
        string? recordId,
        ImportRecord<T> record,
        string reason,
        string detail,
        string? recordJson,
        CancellationToken cancellationToken)
        where T : class
    {
        var entry = new QuarantinedRecord(
            tenant, table, recordId, reason, detail, record.Location, record.RawText, timeProvider.GetUtcNow(), recordJson)
        {
            RawBytes = record.RawBytes,
        };

        // False means an earlier run already set this exact source record aside; it stays counted once.
        await store.TryQuarantineAsync(entry, cancellationToken);
        return ImportOutcome.Quarantined;
    }

    public Task<ImportOutcome> UnparsableAsync<T>(TenantId tenant, string table, ImportRecord<T> record, CancellationToken cancellationToken)
        where T : class =>
        QuarantineAsync(tenant, table, null, record, QuarantineReasons.Unparsable, record.Problem ?? "The record cannot be read.", null, cancellationToken);

    /// <summary>
    /// Quarantines the unparsable records of a run, writing their outcomes into <paramref name="outcomes"/>, and
    /// returns the indexes of the parsed records in run order.
    /// </summary>
    public async Task<List<int>> QuarantineUnparsableAsync<T>(
        TenantId tenant, string table, IReadOnlyList<ImportRecord<T>> run, ImportOutcome[] outcomes, CancellationToken cancellationToken)
        where T : class
    {
        var parsed = new List<int>(run.Count);
        for (var i = 0; i < run.Count; i++)
        {
            if (run[i].Value is null)
            {
                outcomes[i] = await UnparsableAsync(tenant, table, run[i], cancellationToken);
            }
            else
            {
                parsed.Add(i);
            }
        }

        return parsed;
    }

    /// <summary>
    /// Classifies a record whose id is already stored: the same source record seen again, an exact
    /// duplicate from elsewhere, or a conflicting one that goes to the quarantine.
    /// </summary>
    public async Task<ImportOutcome> CompareWithStoredAsync<T>(
        TenantId tenant, string table, string id, ImportRecord<T> record, Stored<T> stored, CancellationToken cancellationToken)
        where T : class
    {
        if (stored.Origin == record.Location)
        {
            return ImportOutcome.AlreadyPresent;
        }

        if (stored.Value.Equals(record.Value))
        {
            return ImportOutcome.Duplicate;
        }

        var detail = $"{RecordNames.Singular(table)} '{id}' is already stored from {stored.Origin?.ToString() ?? "an earlier write"} with different fields.";
        return await QuarantineAsync(tenant, table, id, record, QuarantineReasons.ConflictingDuplicate, detail, null, cancellationToken);
    }
}
