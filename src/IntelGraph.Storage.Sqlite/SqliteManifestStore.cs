using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteManifestStore(SqliteDatabase database) : IManifestStore
{
    public async Task<IReadOnlySet<string>> FindUnsealedAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var unsealed = new HashSet<string>(StringComparer.Ordinal);
        var command = database.Prepared("SELECT 1 FROM manifest_leaves WHERE tenant = $tenant AND claim_id = $id;").WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;

        foreach (var claimId in claimIds)
        {
            command.Parameters["$id"].Value = claimId;
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                unsealed.Add(claimId);
            }
        }

        return unsealed;
    }

    public async Task SaveAsync(SealedManifest manifest, CancellationToken cancellationToken)
    {
        // Join the caller's transaction when there is one; otherwise make the manifest and its leaves atomic here.
        await using var ownTransaction = database.HasTransaction ? null : await database.BeginTransactionAsync(cancellationToken);

        try
        {
            await using (var insert = database.Command(
                "INSERT INTO manifests (tenant, id, root_hash, tree_size, created_at, key_id, jws) VALUES ($tenant, $id, $root, $size, $createdAt, $kid, $jws);"))
            {
                insert.Parameters.AddWithValue("$tenant", manifest.Tenant.Value);
                insert.Parameters.AddWithValue("$id", manifest.Id);
                insert.Parameters.AddWithValue("$root", manifest.RootHash);
                insert.Parameters.AddWithValue("$size", manifest.TreeSize);
                insert.Parameters.AddWithValue("$createdAt", manifest.CreatedAt);
                insert.Parameters.AddWithValue("$kid", manifest.KeyId);
                insert.Parameters.AddWithValue("$jws", manifest.Jws);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            var leaf = database.Prepared(
                "INSERT INTO manifest_leaves (tenant, manifest_id, leaf_index, claim_id, digest) VALUES ($tenant, $manifestId, $index, $claimId, $digest);")
                .WithParameters("$tenant", "$manifestId", "$index", "$claimId", "$digest");
            leaf.Parameters["$tenant"].Value = manifest.Tenant.Value;
            leaf.Parameters["$manifestId"].Value = manifest.Id;
            for (var i = 0; i < manifest.Leaves.Count; i++)
            {
                leaf.Parameters["$index"].Value = i;
                leaf.Parameters["$claimId"].Value = manifest.Leaves[i].ClaimId;
                leaf.Parameters["$digest"].Value = manifest.Leaves[i].Digest;
                await leaf.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (SqliteException ex) when (SqliteValues.IsConstraintViolation(ex))
        {
            throw new StoreException(
                $"Manifest '{manifest.Id}' of tenant '{manifest.Tenant}' was not saved: its id exists, or one of its claims is missing from the ledger or already sealed ({ex.Message}).",
                ex);
        }

        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }
    }

    public async Task<SealedManifest?> FindAsync(TenantId tenant, string manifestId, CancellationToken cancellationToken)
    {
        ManifestSummary? summary;
        string jws;
        await using (var command = database.Command(
            "SELECT id, tree_size, root_hash, created_at, key_id, jws FROM manifests WHERE tenant = $tenant AND id = $id;"))
        {
            command.Parameters.AddWithValue("$tenant", tenant.Value);
            command.Parameters.AddWithValue("$id", manifestId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            summary = ReadSummary(tenant, reader);
            jws = reader.GetString(5);
        }

        var leaves = new List<ManifestLeaf>(summary.TreeSize);
        await using (var command = database.Command(
            "SELECT claim_id, digest FROM manifest_leaves WHERE tenant = $tenant AND manifest_id = $id ORDER BY leaf_index;"))
        {
            command.Parameters.AddWithValue("$tenant", tenant.Value);
            command.Parameters.AddWithValue("$id", manifestId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                leaves.Add(new ManifestLeaf(reader.GetString(0), reader.GetString(1)));
            }
        }

        return new SealedManifest(summary.Id, tenant, summary.RootHash, summary.CreatedAt, summary.KeyId, jws, leaves);
    }

    public async Task<IReadOnlyList<ManifestSummary>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT id, tree_size, root_hash, created_at, key_id FROM manifests WHERE tenant = $tenant ORDER BY seq;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);

        var summaries = new List<ManifestSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(ReadSummary(tenant, reader));
        }

        return summaries;
    }

    private static ManifestSummary ReadSummary(TenantId tenant, SqliteDataReader reader) =>
        new(reader.GetString(0), tenant, reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
}
