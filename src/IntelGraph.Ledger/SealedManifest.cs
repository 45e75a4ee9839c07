using IntelGraph.Core;

namespace IntelGraph.Ledger;

/// <summary>One leaf of a manifest: a claim id and the digest it had when it was sealed.</summary>
public sealed record ManifestLeaf(string ClaimId, string Digest);

/// <summary>
/// A signed manifest: the RFC 9162 tree over its leaves and the detached JWS over its export
/// document. Everything in the export document is derived from these fields.
/// </summary>
/// <param name="RootHash">64 lowercase hex characters.</param>
/// <param name="CreatedAt">The RFC 3339 UTC timestamp written into the export document, kept as text so it round-trips exactly.</param>
/// <param name="Jws">The compact JWS with detached payload (<c>header..signature</c>).</param>
public sealed record SealedManifest(
    string Id,
    TenantId Tenant,
    string RootHash,
    string CreatedAt,
    string KeyId,
    string Jws,
    IReadOnlyList<ManifestLeaf> Leaves)
{
    public int TreeSize => Leaves.Count;
}

/// <summary>A manifest without its leaves, as listed.</summary>
public sealed record ManifestSummary(string Id, TenantId Tenant, int TreeSize, string RootHash, string CreatedAt, string KeyId);
