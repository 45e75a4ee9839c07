using IntelGraph.Core;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Ledger.Tests.Manifests;

/// <summary>A claim ledger in memory with only the members the sealer uses.</summary>
internal sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Dictionary<(TenantId Tenant, string Id), Claim> _claims = [];

    public void Add(TenantId tenant, Claim claim)
    {
        _claims.Add((tenant, claim.Id), claim);
    }

    public Task<IReadOnlyDictionary<string, Claim>> GetClaimsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Claim>(StringComparer.Ordinal);
        foreach (var id in claimIds)
        {
            if (_claims.TryGetValue((tenant, id), out var claim))
            {
                found[id] = claim;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, Claim>>(found);
    }

    public Task<Stored<string>?> FindDigestAsync(TenantId tenant, string claimId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryAppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> CountAsync(TenantId tenant, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(TenantId tenant, long afterSequence, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlySet<string>> FindExistingAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>A manifest store in memory that enforces the store contract: no id and no claim twice.</summary>
internal sealed class InMemoryManifestStore : IManifestStore
{
    private readonly List<SealedManifest> _manifests = [];

    public IReadOnlyList<SealedManifest> Saved => _manifests;

    public Task<IReadOnlySet<string>> FindUnsealedAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var sealedIds = SealedClaimIds(tenant);
        return Task.FromResult<IReadOnlySet<string>>(claimIds.Where(id => !sealedIds.Contains(id)).ToHashSet(StringComparer.Ordinal));
    }

    public Task SaveAsync(SealedManifest manifest, CancellationToken cancellationToken)
    {
        if (_manifests.Any(m => m.Tenant == manifest.Tenant && m.Id == manifest.Id))
        {
            throw new StoreException($"Manifest '{manifest.Id}' already exists.");
        }

        var sealedIds = SealedClaimIds(manifest.Tenant);
        var resealed = manifest.Leaves.FirstOrDefault(leaf => sealedIds.Contains(leaf.ClaimId));
        if (resealed is not null)
        {
            throw new StoreException($"Claim '{resealed.ClaimId}' is already sealed.");
        }

        _manifests.Add(manifest);
        return Task.CompletedTask;
    }

    public Task<SealedManifest?> FindAsync(TenantId tenant, string manifestId, CancellationToken cancellationToken)
    {
        return Task.FromResult(_manifests.FirstOrDefault(m => m.Tenant == tenant && m.Id == manifestId));
    }

    public Task<IReadOnlyList<ManifestSummary>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        IReadOnlyList<ManifestSummary> summaries =
        [
            .. _manifests
                .Where(m => m.Tenant == tenant)
                .Select(m => new ManifestSummary(m.Id, m.Tenant, m.TreeSize, m.RootHash, m.CreatedAt, m.KeyId)),
        ];
        return Task.FromResult(summaries);
    }

    private HashSet<string> SealedClaimIds(TenantId tenant)
    {
        return _manifests.Where(m => m.Tenant == tenant).SelectMany(m => m.Leaves).Select(leaf => leaf.ClaimId).ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>A unit of work that records how many transactions were begun and committed.</summary>
internal sealed class RecordingUnitOfWork : IUnitOfWork
{
    public int Begun { get; private set; }

    public int Committed { get; private set; }

    public int Disposed { get; private set; }

    public Task<IStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        Begun++;
        return Task.FromResult<IStoreTransaction>(new Transaction(this));
    }

    private sealed class Transaction(RecordingUnitOfWork owner) : IStoreTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken)
        {
            owner.Committed++;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            owner.Disposed++;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A clock that always returns the same time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
