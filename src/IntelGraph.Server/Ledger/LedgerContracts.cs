using IntelGraph.Ledger;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Server.Http;
using IntelGraph.Server.Storage;

namespace IntelGraph.Server.Ledger;

/// <summary>The dependencies of the ledger endpoints, bound once per request.</summary>
internal sealed class LedgerServices(
    RequestStores stores,
    TimeProvider timeProvider,
    ILogger<LedgerServices> logger,
    ILogger<ManifestSealer> sealerLogger,
    ILogger<TenantSigningKeys> signingKeysLogger)
{
    public RequestStores Stores { get; } = stores;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger<LedgerServices> Logger { get; } = logger;

    public ILogger<ManifestSealer> SealerLogger { get; } = sealerLogger;

    public ILogger<TenantSigningKeys> SigningKeysLogger { get; } = signingKeysLogger;

    /// <summary>Creates a sealer over one request's stores, so its writes join that request's transaction.</summary>
    public ManifestSealer CreateSealer(IntelGraph.Storage.StoreSession stores) =>
        new(stores.Ledger, stores.Manifests, new TenantSigningKeys(stores.Keys, TimeProvider, SigningKeysLogger), TimeProvider, SealerLogger);
}

/// <summary>One ledger claim: its id, its digest and the claim object exactly as it was appended.</summary>
public sealed record ClaimItem(string Id, string Digest, RawJson Claim)
{
    public static ClaimItem From(Claim claim) => new(claim.Id, claim.Digest, new RawJson(claim.Body));
}

/// <summary>A page of claims in append order.</summary>
/// <param name="NextCursor">The <c>after</c> value that reads the next page, or null on the last page.</param>
/// <param name="LastCursor">
/// The <c>after</c> value that reads only claims appended after this page, even on the last page, so a
/// reader can come back later for what is new; the request's <c>after</c> when the page is empty.
/// </param>
public sealed record ClaimPage(IReadOnlyList<ClaimItem> Claims, string? NextCursor, string? LastCursor);

/// <summary>The response to appending a claim.</summary>
/// <param name="Appended">False when the ledger already held the same claim, so nothing was stored.</param>
public sealed record AppendedClaim(string Id, string Digest, bool Appended);

/// <summary>The body of <c>POST /ledger/manifests</c>: the claims to seal, in leaf order.</summary>
public sealed record SealRequest(IReadOnlyList<string?>? ClaimIds);

/// <summary>A sealed manifest, with the same member names as its export document but without the inclusion proofs.</summary>
public sealed record ManifestResponse(
    string ManifestId,
    string Tenant,
    string Algorithm,
    int TreeSize,
    string RootHash,
    string CreatedAt,
    IReadOnlyList<ManifestClaim> Claims,
    ManifestSignature Signature)
{
    public static ManifestResponse From(SealedManifest manifest) => new(
        manifest.Id,
        manifest.Tenant.Value,
        ManifestExportDocument.TreeAlgorithm,
        manifest.TreeSize,
        manifest.RootHash,
        manifest.CreatedAt,
        [.. manifest.Leaves.Select(leaf => new ManifestClaim(leaf.ClaimId, leaf.Digest))],
        new ManifestSignature(DetachedJws.Algorithm, manifest.KeyId, manifest.Jws));
}

/// <summary>One sealed claim: its id and the digest it was sealed with.</summary>
public sealed record ManifestClaim(string Id, string Hash);

/// <summary>The manifest's detached JWS and the key that made it.</summary>
public sealed record ManifestSignature(string Alg, string Kid, string Jws);
