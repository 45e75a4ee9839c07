using IntelGraph.Core;
using IntelGraph.Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Ledger.Signing;

/// <summary>
/// The manifest signing key of each tenant: created on first use, then read from <see cref="ITenantKeyStore"/>.
/// </summary>
public sealed partial class TenantSigningKeys(
    ITenantKeyStore store,
    TimeProvider timeProvider,
    ILogger<TenantSigningKeys> logger)
{
    /// <summary>
    /// Loads the tenant's signing key, generating and storing a new P-256 key when the tenant has none.
    /// When another process stores a key first, that key is returned instead, so a tenant has one key.
    /// The caller disposes the returned key.
    /// </summary>
    /// <exception cref="IntegrityException">
    /// The stored key is not a PKCS#8 P-256 private key, or its key id is not the key's thumbprint.
    /// </exception>
    public async Task<Es256SigningKey> GetOrCreateAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return Open(tenant, stored);
        }

        var created = Es256SigningKey.Create();
        var record = new TenantSigningKey(tenant, created.KeyId, created.ExportPkcs8(), timeProvider.GetUtcNow());
        bool added;
        try
        {
            added = await store.TryAddAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            created.Dispose();
            throw;
        }

        if (added)
        {
            LogKeyCreated(tenant.Value, created.KeyId);
            return created;
        }

        created.Dispose();

        stored = await store.FindAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreException(
                $"The key store reported that tenant '{tenant}' already has a signing key, but returned none when read. Check the key store's consistency.");

        LogConcurrentKeyUsed(tenant.Value, stored.KeyId);
        return Open(tenant, stored);
    }

    /// <summary>
    /// Loads the tenant's public key as a one-key JWK Set, the document that verifiers of the tenant's
    /// manifests need.
    /// </summary>
    /// <exception cref="NotFoundException">The tenant has no signing key yet.</exception>
    /// <exception cref="IntegrityException">The stored key is damaged, as for <see cref="GetOrCreateAsync"/>.</exception>
    public async Task<JsonWebKeySet> ExportPublicKeysAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(
                $"Tenant '{tenant}' has no signing key yet. The key is created when the tenant's first manifest is sealed.");

        using var key = Open(tenant, stored);
        return new JsonWebKeySet([key.GetPublicJwk()]);
    }

    private static Es256SigningKey Open(TenantId tenant, TenantSigningKey stored)
    {
        Es256SigningKey key;
        try
        {
            key = Es256SigningKey.ImportPkcs8(stored.PrivateKeyPkcs8);
        }
        catch (InvalidInputException ex)
        {
            throw new IntegrityException(
                $"The stored signing key of tenant '{tenant}' (key id '{stored.KeyId}') cannot be read: {ex.Message} Restore the key record from a backup.");
        }

        if (!string.Equals(key.KeyId, stored.KeyId, StringComparison.Ordinal))
        {
            key.Dispose();
            throw new IntegrityException(
                $"The stored signing key of tenant '{tenant}' has key id '{stored.KeyId}', but the key's thumbprint is '{key.KeyId}'. The key record is damaged. Restore it from a backup.");
        }

        return key;
    }

    [LoggerMessage(EventId = 1060, Level = LogLevel.Information, Message = "Created signing key {KeyId} for tenant {TenantId}")]
    private partial void LogKeyCreated(string tenantId, string keyId);

    [LoggerMessage(
        EventId = 1061,
        Level = LogLevel.Information,
        Message = "Another process stored a signing key for tenant {TenantId} first, so its key {KeyId} is used")]
    private partial void LogConcurrentKeyUsed(string tenantId, string keyId);
}
