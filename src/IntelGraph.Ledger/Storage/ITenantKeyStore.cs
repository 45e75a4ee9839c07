using IntelGraph.Core;

namespace IntelGraph.Ledger.Storage;

/// <summary>The manifest signing key of each tenant.</summary>
public interface ITenantKeyStore
{
    Task<TenantSigningKey?> FindAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Stores the tenant's first key. Returns false, storing nothing, when the tenant already has one.</summary>
    Task<bool> TryAddAsync(TenantSigningKey key, CancellationToken cancellationToken);
}

/// <summary>
/// A tenant's ES256 signing key. The private key is kept as PKCS#8 bytes in the store itself.
/// </summary>
// NOTE: the private key is stored unencrypted; a deployment that needs key custody must wrap it with its own KMS.
public sealed record TenantSigningKey(TenantId Tenant, string KeyId, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt);
