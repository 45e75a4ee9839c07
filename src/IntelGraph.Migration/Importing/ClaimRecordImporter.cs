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
/// <see cref="Digest"/> touches no store, and <see cref="StoreAsync"/> does all the writing.
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

    /// <summary>Stores a digested claim, or quarantines it, and returns where it went.</summary>
    public async Task<ImportOutcome> StoreAsync(TenantId tenant, DigestedClaim digested, CancellationToken cancellationToken)
    {
        var record = digested.Record;
        if (record.Value is not { } source || digested.Digest is not { } digest)
        {
            return await quarantine.UnparsableAsync(tenant, SourceTables.Claims, record, cancellationToken);
        }

        if (!string.Equals(digest, source.StatedHash, StringComparison.Ordinal))
        {
            var detail = $"Claim '{source.Id}' states hash {source.StatedHash} but its content digests to {digest}; it was changed after it was hashed.";
            return await quarantine.QuarantineAsync(tenant, SourceTables.Claims, source.Id, record, QuarantineReasons.HashMismatch, detail, null, cancellationToken);
        }

        var claim = new Claim(source.Id, digest, source.Body);
        if (await ledger.TryAppendAsync(tenant, claim, record.Location, cancellationToken))
        {
            return ImportOutcome.Imported;
        }

        var stored = await ledger.FindDigestAsync(tenant, source.Id, cancellationToken)
            ?? throw new StoreException($"Claim '{source.Id}' was neither appended nor found in tenant '{tenant}'.");
        if (stored.Origin == record.Location)
        {
            return ImportOutcome.AlreadyPresent;
        }

        if (string.Equals(stored.Value, digest, StringComparison.Ordinal))
        {
            return ImportOutcome.Duplicate;
        }

        var conflict = $"Claim '{source.Id}' is already in the ledger with digest {stored.Value} (from {stored.Origin?.ToString() ?? "an earlier write"}); this copy digests to {digest}.";
        return await quarantine.QuarantineAsync(tenant, SourceTables.Claims, source.Id, record, QuarantineReasons.ConflictingDuplicate, conflict, null, cancellationToken);
    }
}
