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

    /// <summary>
    /// Appends each claim whose id the ledger does not hold yet, in the given order, and returns for each one whether
    /// it was appended. Of two claims with the same id in one call, only the first can be appended.
    /// </summary>
    /// <remarks>The default implementation appends the claims one by one. Stores with a bulk path override it.</remarks>
    async Task<IReadOnlyList<bool>> TryAppendManyAsync(TenantId tenant, IReadOnlyList<PendingClaim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);

        var appended = new bool[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            appended[i] = await TryAppendAsync(tenant, claims[i].Claim, claims[i].Origin, cancellationToken).ConfigureAwait(false);
        }

        return appended;
    }

    /// <summary>Returns the stored digest and origin of each claim in <paramref name="claimIds"/> that the ledger holds.</summary>
    /// <remarks>The default implementation looks the ids up one by one. Stores that can look up many ids in one query override it.</remarks>
    async Task<IReadOnlyDictionary<string, Stored<string>>> FindDigestsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimIds);

        var found = new Dictionary<string, Stored<string>>(StringComparer.Ordinal);
        foreach (var claimId in claimIds)
        {
            if (!found.ContainsKey(claimId) && await FindDigestAsync(tenant, claimId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                found.Add(claimId, stored);
            }
        }

        return found;
    }

    Task<long> CountAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="limit"/> entries whose sequence is greater than <paramref name="afterSequence"/>, in append order.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(TenantId tenant, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Returns the claims with the given ids that the ledger holds; ids it does not hold are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Claim>> GetClaimsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken);

    /// <summary>Returns the ids from <paramref name="claimIds"/> that the tenant's ledger holds, without reading their bodies.</summary>
    /// <remarks>The default implementation looks the ids up one by one. Stores that can look up many ids in one query override it.</remarks>
    async Task<IReadOnlySet<string>> FindExistingAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimIds);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claimId in claimIds)
        {
            if (await FindDigestAsync(tenant, claimId, cancellationToken).ConfigureAwait(false) is not null)
            {
                existing.Add(claimId);
            }
        }

        return existing;
    }

    /// <summary>
    /// Returns the claims whose <c>edgeId</c> member is one of <paramref name="edgeIds"/>, grouped by edge id,
    /// each group in append order. Edge ids without a claim are absent from the result.
    /// </summary>
    /// <remarks>The default implementation reads the whole ledger. Stores with an index on the edge id override it.</remarks>
    async Task<IReadOnlyDictionary<string, IReadOnlyList<Claim>>> FindClaimsByEdgeAsync(
        TenantId tenant, IReadOnlyCollection<string> edgeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edgeIds);

        var wanted = edgeIds.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, List<Claim>>(StringComparer.Ordinal);
        var afterSequence = 0L;
        while (wanted.Count > 0)
        {
            var page = await ReadAsync(tenant, afterSequence, 1000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entry in page)
            {
                afterSequence = entry.Sequence;
                if (ClaimEdgeId.Read(entry.Claim.Body) is { } edgeId && wanted.Contains(edgeId))
                {
                    if (!found.TryGetValue(edgeId, out var claims))
                    {
                        found[edgeId] = claims = [];
                    }

                    claims.Add(entry.Claim);
                }
            }
        }

        return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<Claim>)pair.Value, StringComparer.Ordinal);
    }
}

/// <summary>A claim waiting to be appended, with the source record it comes from.</summary>
public sealed record PendingClaim(Claim Claim, SourceLocation? Origin);

/// <summary>A claim's id and its sequence in the tenant's append order.</summary>
public sealed record LedgerPosition(long Sequence, string ClaimId);
