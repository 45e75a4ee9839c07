using System.Collections.Concurrent;
using IntelGraph.Core;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Ledger.Tests.Signing;

/// <summary>A tenant key store in memory, with a hook that runs just before each add to simulate a concurrent writer.</summary>
internal sealed class InMemoryTenantKeyStore : ITenantKeyStore
{
    private readonly ConcurrentDictionary<TenantId, TenantSigningKey> _keys = new();

    public Action<TenantSigningKey>? BeforeAdd { get; set; }

    public int AddAttempts { get; private set; }

    public Task<TenantSigningKey?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        return Task.FromResult(_keys.GetValueOrDefault(tenant));
    }

    public Task<bool> TryAddAsync(TenantSigningKey key, CancellationToken cancellationToken)
    {
        AddAttempts++;
        BeforeAdd?.Invoke(key);
        return Task.FromResult(_keys.TryAdd(key.Tenant, key));
    }

    /// <summary>Stores a key directly, as another process would.</summary>
    public void Put(TenantSigningKey key)
    {
        _keys[key.Tenant] = key;
    }
}
