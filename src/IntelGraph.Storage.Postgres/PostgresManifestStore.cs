using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresManifestStore(PostgresDatabase database) : IManifestStore
{
    public async Task<IReadOnlySet<string>> FindUnsealedAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var unsealed = new HashSet<string>(StringComparer.Ordinal);
        if (claimIds.Count == 0)
        {
            return unsealed;
        }

        await using var command = database.Command(
            "SELECT c.id FROM unnest(@ids) AS c(id) WHERE NOT EXISTS (SELECT 1 FROM manifest_leaves AS l WHERE l.tenant = @tenant AND l.claim_id = c.id);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", claimIds);

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
            await database.GuardAsync(() => InsertAsync(manifest, cancellationToken), cancellationToken);
        }
        catch (PostgresException ex) when (PostgresErrors.IsConstraintViolation(ex))
        {
            throw new StoreException(
                $"Manifest '{manifest.Id}' of tenant '{manifest.Tenant}' was not saved: its id exists, or one of its claims is missing from the ledger or already sealed ({ex.MessageText}).",
                ex);
        }

        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }
    }

    public async Task<SealedManifest?> FindAsync(TenantId tenant, string manifestId, CancellationToken cancellationToken)
    {
        ManifestSummary summary;
        string jws;
        await using (var command = database.Command(
            "SELECT id, tree_size, root_hash, created_at, key_id, jws FROM manifests WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", manifestId))
        {
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
            "SELECT claim_id, digest FROM manifest_leaves WHERE tenant = @tenant AND manifest_id = @id ORDER BY leaf_index;")
            .WithText("tenant", tenant.Value).WithText("id", manifestId))
        {
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
            "SELECT id, tree_size, root_hash, created_at, key_id FROM manifests WHERE tenant = @tenant ORDER BY seq;")
            .WithText("tenant", tenant.Value);

        var summaries = new List<ManifestSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(ReadSummary(tenant, reader));
        }

        return summaries;
    }

    private async Task<int> InsertAsync(SealedManifest manifest, CancellationToken cancellationToken)
    {
        await using (var insert = database.Command(
            "INSERT INTO manifests (tenant, id, root_hash, tree_size, created_at, key_id, jws) VALUES (@tenant, @id, @root, @size, @createdAt, @kid, @jws);")
            .WithText("tenant", manifest.Tenant.Value)
            .WithText("id", manifest.Id)
            .WithText("root", manifest.RootHash)
            .With("size", manifest.TreeSize)
            .WithText("createdAt", manifest.CreatedAt)
            .WithText("kid", manifest.KeyId)
            .WithText("jws", manifest.Jws))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // One statement inserts every leaf; the ordinality of each claim id in the arrays is its leaf index plus one.
        await using var leaves = database.Command(
            "INSERT INTO manifest_leaves (tenant, manifest_id, leaf_index, claim_id, digest) "
            + "SELECT @tenant, @manifestId, l.position - 1, l.claim_id, l.digest FROM unnest(@claimIds, @digests) WITH ORDINALITY AS l(claim_id, digest, position);")
            .WithText("tenant", manifest.Tenant.Value)
            .WithText("manifestId", manifest.Id)
            .WithTextArray("claimIds", manifest.Leaves.Select(leaf => leaf.ClaimId))
            .WithTextArray("digests", manifest.Leaves.Select(leaf => leaf.Digest));
        return await leaves.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ManifestSummary ReadSummary(TenantId tenant, NpgsqlDataReader reader) =>
        new(reader.GetString(0), tenant, reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));

    public async Task<IReadOnlyDictionary<string, ClaimSeal>> FindSealsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var seals = new Dictionary<string, ClaimSeal>(StringComparer.Ordinal);
        if (claimIds.Count == 0)
        {
            return seals;
        }

        await using var command = database.Command(
            "SELECT claim_id, manifest_id, leaf_index FROM manifest_leaves WHERE tenant = @tenant AND claim_id = ANY(@ids);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seals[reader.GetString(0)] = new ClaimSeal(reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
        }

        return seals;
    }
}
