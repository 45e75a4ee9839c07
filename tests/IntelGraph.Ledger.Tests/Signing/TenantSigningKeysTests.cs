using IntelGraph.Core;
using IntelGraph.Ledger.Signing;
using IntelGraph.Ledger.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Ledger.Tests.Signing;

public sealed class TenantSigningKeysTests
{
    private static readonly TenantId Tenant = TenantId.Parse("acme");

    [Fact]
    public async Task First_use_creates_and_stores_key()
    {
        var store = new InMemoryTenantKeyStore();
        var keys = CreateKeys(store);

        using var key = await keys.GetOrCreateAsync(Tenant, TestContext.Current.CancellationToken);

        var stored = await store.FindAsync(Tenant, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(key.KeyId, stored.KeyId);
        Assert.Equal(Tenant, stored.Tenant);
        using var reopened = Es256SigningKey.ImportPkcs8(stored.PrivateKeyPkcs8);
        Assert.Equal(key.KeyId, reopened.KeyId);
    }

    [Fact]
    public async Task Later_use_returns_stored_key()
    {
        var store = new InMemoryTenantKeyStore();
        var keys = CreateKeys(store);

        using var first = await keys.GetOrCreateAsync(Tenant, TestContext.Current.CancellationToken);
        using var second = await keys.GetOrCreateAsync(Tenant, TestContext.Current.CancellationToken);

        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(1, store.AddAttempts);
    }

    [Fact]
    public async Task Lost_race_returns_winner_key()
    {
        using var winner = Es256SigningKey.Create();
        var store = new InMemoryTenantKeyStore();
        store.BeforeAdd = _ => store.Put(new TenantSigningKey(Tenant, winner.KeyId, winner.ExportPkcs8(), DateTimeOffset.UnixEpoch));
        var keys = CreateKeys(store);

        using var key = await keys.GetOrCreateAsync(Tenant, TestContext.Current.CancellationToken);

        Assert.Equal(winner.KeyId, key.KeyId);
    }

    [Fact]
    public async Task Damaged_key_id_is_rejected()
    {
        using var key = Es256SigningKey.Create();
        var store = new InMemoryTenantKeyStore();
        store.Put(new TenantSigningKey(Tenant, "not-the-thumbprint", key.ExportPkcs8(), DateTimeOffset.UnixEpoch));

        var error = await Assert.ThrowsAsync<IntegrityException>(
            () => CreateKeys(store).GetOrCreateAsync(Tenant, TestContext.Current.CancellationToken));

        Assert.Contains("not-the-thumbprint", error.Message);
        Assert.Contains(key.KeyId, error.Message);
    }

    [Fact]
    public async Task Unreadable_stored_key_is_rejected()
    {
        var store = new InMemoryTenantKeyStore();
        store.Put(new TenantSigningKey(Tenant, "kid-1", [0x30, 0x00], DateTimeOffset.UnixEpoch));

        var error = await Assert.ThrowsAsync<IntegrityException>(
            () => CreateKeys(store).ExportPublicKeysAsync(Tenant, TestContext.Current.CancellationToken));

        Assert.Contains("tenant 'acme' (key id 'kid-1') cannot be read", error.Message);
    }

    [Fact]
    public async Task Export_returns_public_key_set()
    {
        var store = new InMemoryTenantKeyStore();
        var keys = CreateKeys(store);
        using var key = await keys.GetOrCreateAsync(Tenant, TestContext.Current.CancellationToken);

        var keySet = await keys.ExportPublicKeysAsync(Tenant, TestContext.Current.CancellationToken);

        var jwk = Assert.Single(keySet.Keys);
        Assert.Equal(key.GetPublicJwk(), jwk);
    }

    [Fact]
    public async Task Export_without_key_is_not_found()
    {
        var keys = CreateKeys(new InMemoryTenantKeyStore());

        var error = await Assert.ThrowsAsync<NotFoundException>(
            () => keys.ExportPublicKeysAsync(Tenant, TestContext.Current.CancellationToken));

        Assert.Contains("'acme' has no signing key", error.Message);
    }

    private static TenantSigningKeys CreateKeys(ITenantKeyStore store)
    {
        return new TenantSigningKeys(store, TimeProvider.System, NullLogger<TenantSigningKeys>.Instance);
    }
}
