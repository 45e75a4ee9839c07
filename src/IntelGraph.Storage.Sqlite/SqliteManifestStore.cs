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
        if (claimIds.Count == 0)
        {
            return unsealed;
        }

        var command = database.Prepared(
            "SELECT j.value FROM json_each($ids) AS j WHERE NOT EXISTS (SELECT 1 FROM manifest_leaves AS l WHERE l.tenant = $tenant AND l.claim_id = j.value);")
            .WithParameters("$tenant", "$ids");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$ids"].Value = SqliteValues.JsonArray(claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            unsealed.Add(reader.GetString(0));
        }

        return unsealed;
    }

    public async Task SaveAsync(SealedManifest manifest, CancellationToken cancellationToken)
    {
        // Join the caller's transaction when there is one; otherwise make the manifest and its leaves atomic here.
        await using var ownTransaction = database.HasTransaction ? null : await database.BeginTransactionAsync(cancellationToken);

        try
        {
            var insert = database.Prepared(
                "INSERT INTO manifests (tenant, id, root_hash, tree_size, created_at, key_id, jws) VALUES ($tenant, $id, $root, $size, $createdAt, $kid, $jws);")
                .WithParameters("$tenant", "$id", "$root", "$size", "$createdAt", "$kid", "$jws");
            insert.Parameters["$tenant"].Value = manifest.Tenant.Value;
            insert.Parameters["$id"].Value = manifest.Id;
            insert.Parameters["$root"].Value = manifest.RootHash;
            insert.Parameters["$size"].Value = manifest.TreeSize;
            insert.Parameters["$createdAt"].Value = manifest.CreatedAt;
            insert.Parameters["$kid"].Value = manifest.KeyId;
            insert.Parameters["$jws"].Value = manifest.Jws;
            await insert.ExecuteNonQueryAsync(cancellationToken);

            // One row statement per leaf: SQLite runs in process, so this costs less than building and parsing one
            // JSON array of every leaf.
            var leaf = database.RowStatement(
                "INSERT INTO manifest_leaves (tenant, manifest_id, leaf_index, claim_id, digest) VALUES (?1, ?2, ?3, ?4, ?5);");
            for (var i = 0; i < manifest.Leaves.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                leaf.Bind(1, manifest.Tenant.Value)
                    .Bind(2, manifest.Id)
                    .Bind(3, i)
                    .Bind(4, manifest.Leaves[i].ClaimId)
                    .Bind(5, manifest.Leaves[i].Digest)
                    .Run();
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

    public async Task<IReadOnlyDictionary<string, ClaimSeal>> FindSealsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var seals = new Dictionary<string, ClaimSeal>(StringComparer.Ordinal);
        if (claimIds.Count == 0)
        {
            return seals;
        }

        var command = database.Prepared(
            "SELECT claim_id, manifest_id, leaf_index FROM manifest_leaves WHERE tenant = $tenant AND claim_id IN (SELECT value FROM json_each($ids));")
            .WithParameters("$tenant", "$ids");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$ids"].Value = SqliteValues.JsonArray(claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seals[reader.GetString(0)] = new ClaimSeal(reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
        }

        return seals;
    }
}
