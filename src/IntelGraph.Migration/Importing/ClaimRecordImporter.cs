using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Migration.Importing;

/// <summary>A claim as read from an export: its id, the hash the old ledger stated, and its exact bytes.</summary>
internal sealed record ClaimSource(string Id, string StatedHash, ReadOnlyMemory<byte> Body);

/// <summary>Decides where each exported claim goes: the ledger, a merge with an identical claim, or the quarantine.</summary>
internal sealed class ClaimRecordImporter(ILedgerStore ledger, QuarantineWriter quarantine)
{
    public async Task<ImportOutcome> ImportAsync(TenantId tenant, ImportRecord<ClaimSource> record, CancellationToken cancellationToken)
    {
        if (record.Value is not { } source)
        {
            return await quarantine.UnparsableAsync(tenant, SourceTables.Claims, record, cancellationToken);
        }

        string digest;
        try
        {
            digest = ClaimDigest.Compute(source.Body.Span);
        }
        catch (InvalidInputException ex)
        {
            var unparsable = record with { Problem = $"Claim '{source.Id}' cannot be canonicalised: {ex.Message}" };
            return await quarantine.UnparsableAsync(tenant, SourceTables.Claims, unparsable, cancellationToken);
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
