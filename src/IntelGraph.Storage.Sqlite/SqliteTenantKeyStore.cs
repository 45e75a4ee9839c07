using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Ledger.Storage;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteTenantKeyStore(SqliteDatabase database) : ITenantKeyStore
{
    public async Task<TenantSigningKey?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT key_id, private_key, created_at FROM tenant_keys WHERE tenant = $tenant;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var createdAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new TenantSigningKey(tenant, reader.GetString(0), (byte[])reader.GetValue(1), createdAt);
    }

    public async Task<bool> TryAddAsync(TenantSigningKey key, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO tenant_keys (tenant, key_id, private_key, created_at) VALUES ($tenant, $kid, $key, $createdAt) ON CONFLICT (tenant) DO NOTHING;");
        command.Parameters.AddWithValue("$tenant", key.Tenant.Value);
        command.Parameters.AddWithValue("$kid", key.KeyId);
        command.Parameters.AddWithValue("$key", key.PrivateKeyPkcs8);
        command.Parameters.AddWithValue("$createdAt", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
