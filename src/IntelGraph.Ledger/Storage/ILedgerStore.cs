using IntelGraph.Core;

namespace IntelGraph.Ledger.Storage;

/// <summary>
/// The append-only claim ledger of each tenant. There is no update or delete: a claim, once
/// appended, keeps its body and digest for good.
/// </summary>
public interface ILedgerStore
{
    /// <summary>Returns the stored digest and origin of a claim, or null when the tenant has no claim with that id.</summary>
    Task<Stored<string>?> FindDigestAsync(TenantId tenant, string claimId, CancellationToken cancellationToken);

    /// <summary>Appends a claim. Throws <see cref="StoreException"/> when the id is already in the tenant's ledger.</summary>
    Task AppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken);

    /// <summary>Appends a claim unless the id is already in the tenant's ledger. Returns false, storing nothing, in that case.</summary>
    Task<bool> TryAppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken);

    Task<long> CountAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="limit"/> entries whose sequence is greater than <paramref name="afterSequence"/>, in append order.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(TenantId tenant, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Returns the claims with the given ids that the ledger holds; ids it does not hold are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Claim>> GetClaimsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken);
}
