namespace IntelGraph.Ledger.Manifests;

/// <summary>The checks <see cref="ManifestVerifier"/> runs on an export document.</summary>
public enum ManifestCheck
{
    /// <summary>The document is JSON and has every member with the right type.</summary>
    Document,

    /// <summary>The JWK Set is valid JSON with a "keys" array.</summary>
    KeySet,

    /// <summary>The <c>algorithm</c> member is "rfc9162-sha256".</summary>
    Algorithm,

    /// <summary>Root hash, claim hashes and audit path hashes have the required hex form.</summary>
    HashFormat,

    /// <summary><c>treeSize</c>, the number of claims and the number of proofs agree.</summary>
    TreeSize,

    /// <summary>Claim ids are unique and each proof names the claim at its position.</summary>
    ClaimId,

    /// <summary>Each proof's <c>leafIndex</c> is its position.</summary>
    LeafIndex,

    /// <summary>Each proof's audit path reproduces <c>rootHash</c> from its claim's hash.</summary>
    AuditPath,

    /// <summary>The root recomputed from all claim hashes is <c>rootHash</c>.</summary>
    RootHash,

    /// <summary><c>signature.kid</c> is the kid in the JWS header.</summary>
    KeyId,

    /// <summary>The JWS is ES256 and verifies over JCS of the document without <c>signature</c>.</summary>
    Signature,
}

/// <summary>One failed check, with a message that names the member, claim id or index at fault.</summary>
public sealed record ManifestCheckFailure(ManifestCheck Check, string Message);

/// <summary>The outcome of verifying one export document: every check that failed, in the order found.</summary>
/// <param name="ManifestId">The document's <c>manifestId</c>, when it could be read.</param>
public sealed record ManifestVerificationResult(string? ManifestId, IReadOnlyList<ManifestCheckFailure> Failures)
{
    public bool IsValid => Failures.Count == 0;
}
