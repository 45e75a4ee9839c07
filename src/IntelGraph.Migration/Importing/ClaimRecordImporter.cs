using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Migration.Importing;

/// <summary>A claim as read from an export: its id, the hash the old ledger stated, and its exact bytes.</summary>
internal sealed record ClaimSource(string Id, string StatedHash, ReadOnlyMemory<byte> Body);

/// <summary>A claim record with the digest of its body, or without one when the record is unparsable.</summary>
/// <param name="Digest">Null when the record was not parsed or its body cannot be canonicalised. <see cref="ImportRecord{T}.Problem"/> then gives the reason.</param>
internal readonly record struct DigestedClaim(ImportRecord<ClaimSource> Record, string? Digest);

/// <summary>Decides where each exported claim goes: the ledger, a merge with an identical claim, or the quarantine.</summary>
/// <remarks>
/// The work is split in two so that the importer can digest claims on one thread while it stores them on another.
/// <see cref="Digest"/> touches no store, and <see cref="StoreManyAsync"/> does all the writing.
/// </remarks>
internal sealed class ClaimRecordImporter(ILedgerStore ledger, QuarantineWriter quarantine)
{
    /// <summary>Computes the digest of a claim's body. A body that cannot be canonicalised makes the record unparsable.</summary>
    public static DigestedClaim Digest(ImportRecord<ClaimSource> record)
    {
        if (record.Value is not { } source)
        {
            return new DigestedClaim(record, Digest: null);
        }

        try
        {
            return new DigestedClaim(record, ClaimDigest.Compute(source.Body.Span));
        }
        catch (InvalidInputException ex)
        {
            var unparsable = record with { Problem = $"Claim '{source.Id}' cannot be canonicalised: {ex.Message}" };
            return new DigestedClaim(unparsable, Digest: null);
        }
    }

    /// <summary>
    /// Stores or quarantines a run of digested claims and returns where each went, in order. The ledger appends the
    /// run in one bulk call, and only the claims it did not append are looked up to tell a re-run from a duplicate.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> StoreManyAsync(TenantId tenant, IReadOnlyList<DigestedClaim> run, CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[run.Count];
        var candidates = new List<int>(run.Count);
        var pending = new List<PendingClaim>(run.Count);
        for (var i = 0; i < run.Count; i++)
        {
            var record = run[i].Record;
            if (record.Value is not { } source || run[i].Digest is not { } digest)
            {
                outcomes[i] = await quarantine.UnparsableAsync(tenant, SourceTables.Claims, record, cancellationToken);
            }
            else if (!string.Equals(digest, source.StatedHash, StringComparison.Ordinal))
            {
                outcomes[i] = await QuarantineMismatchAsync(tenant, record, source, digest, cancellationToken);
            }
            else
            {
                candidates.Add(i);
                pending.Add(new PendingClaim(new Claim(source.Id, digest, source.Body), record.Location));
            }
        }

        var appended = await ledger.TryAppendManyAsync(tenant, pending, cancellationToken);
        var notAppended = candidates.Where((_, k) => !appended[k]).Select(i => run[i].Record.Value!.Id).ToList();
        var stored = notAppended.Count == 0
            ? new Dictionary<string, Stored<string>>()
            : await ledger.FindDigestsAsync(tenant, notAppended, cancellationToken);

        for (var k = 0; k < candidates.Count; k++)
        {
            var i = candidates[k];
            outcomes[i] = appended[k]
                ? ImportOutcome.Imported
                : await ClassifyExistingAsync(tenant, run[i].Record, pending[k].Claim, stored.GetValueOrDefault(pending[k].Claim.Id), cancellationToken);
        }

        return outcomes;
    }

    private Task<ImportOutcome> QuarantineMismatchAsync(TenantId tenant, ImportRecord<ClaimSource> record, ClaimSource source, string digest, CancellationToken cancellationToken)
    {
        var detail = $"Claim '{source.Id}' states hash {source.StatedHash} but its content digests to {digest}; it was changed after it was hashed.";
        return quarantine.QuarantineAsync(tenant, SourceTables.Claims, source.Id, record, QuarantineReasons.HashMismatch, detail, null, cancellationToken);
    }

    /// <summary>Decides what a claim the ledger did not append is: this record stored by an earlier run, an identical copy, or a conflict.</summary>
    private async Task<ImportOutcome> ClassifyExistingAsync(
        TenantId tenant, ImportRecord<ClaimSource> record, Claim claim, Stored<string>? stored, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            throw new StoreException($"Claim '{claim.Id}' was neither appended nor found in tenant '{tenant}'.");
        }

        if (stored.Origin == record.Location)
        {
            return ImportOutcome.AlreadyPresent;
        }

        if (string.Equals(stored.Value, claim.Digest, StringComparison.Ordinal))
        {
            return ImportOutcome.Duplicate;
        }

        var conflict = $"Claim '{claim.Id}' is already in the ledger with digest {stored.Value} (from {stored.Origin?.ToString() ?? "an earlier write"}); this copy digests to {claim.Digest}.";
        return await quarantine.QuarantineAsync(tenant, SourceTables.Claims, claim.Id, record, QuarantineReasons.ConflictingDuplicate, conflict, null, cancellationToken);
    }
}
