using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresTenantKeyStore(PostgresDatabase database) : ITenantKeyStore
{
    public async Task<TenantSigningKey?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT key_id, private_key, created_at FROM tenant_keys WHERE tenant = @tenant;").WithText("tenant", tenant.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var createdAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new TenantSigningKey(tenant, reader.GetString(0), reader.GetFieldValue<byte[]>(1), createdAt);
    }

    public async Task<bool> TryAddAsync(TenantSigningKey key, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO tenant_keys (tenant, key_id, private_key, created_at) VALUES (@tenant, @kid, @key, @createdAt) ON CONFLICT (tenant) DO NOTHING;")
            .WithText("tenant", key.Tenant.Value)
            .WithText("kid", key.KeyId)
            .With("key", key.PrivateKeyPkcs8)
            .WithText("createdAt", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
