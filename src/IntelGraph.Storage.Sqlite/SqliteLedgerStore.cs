using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteLedgerStore(SqliteDatabase database) : ILedgerStore
{
    private const string FindDigestSql = "SELECT digest, origin_file, origin_line FROM claims WHERE tenant = $tenant AND id = $id;";
    private const string AppendSql =
        "INSERT INTO claims (tenant, id, digest, body, origin_file, origin_line) VALUES ($tenant, $id, $digest, $body, $originFile, $originLine);";

    public async Task<Stored<string>?> FindDigestAsync(TenantId tenant, string claimId, CancellationToken cancellationToken)
    {
        var command = database.Prepared(FindDigestSql).WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = claimId;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Stored<string>(reader.GetString(0), SqliteValues.ReadOrigin(reader, 1));
    }

    public async Task AppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken)
    {
        var command = database.Prepared(AppendSql).WithParameters("$tenant", "$id", "$digest", "$body", "$originFile", "$originLine");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = claim.Id;
        command.Parameters["$digest"].Value = claim.Digest;
        command.Parameters["$body"].Value = SqliteValues.BlobValue(claim.Body);
        SqliteValues.BindOrigin(command, origin);

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteValues.IsConstraintViolation(ex))
        {
            throw new StoreException($"Claim '{claim.Id}' is already in the ledger of tenant '{tenant}'; the ledger is append-only.", ex);
        }
    }

    public async Task<bool> TryAppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken)
    {
        var command = database.Prepared(AppendSql[..^1] + " ON CONFLICT (tenant, id) DO NOTHING;")
            .WithParameters("$tenant", "$id", "$digest", "$body", "$originFile", "$originLine");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = claim.Id;
        command.Parameters["$digest"].Value = claim.Digest;
        command.Parameters["$body"].Value = SqliteValues.BlobValue(claim.Body);
        SqliteValues.BindOrigin(command, origin);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<bool>> TryAppendManyAsync(TenantId tenant, IReadOnlyList<PendingClaim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);

        // Join the caller's transaction when there is one; otherwise the claims are appended all or none here.
        await using var ownTransaction = database.HasTransaction ? null : await database.BeginTransactionAsync(cancellationToken);

        var append = database.RowStatement(
            "INSERT INTO claims (tenant, id, digest, body, origin_file, origin_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (tenant, id) DO NOTHING;");
        var appended = new bool[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            var (claim, origin) = (claims[i].Claim, claims[i].Origin);
            appended[i] = append
                .Bind(1, tenant.Value)
                .Bind(2, claim.Id)
                .Bind(3, claim.Digest)
                .Bind(4, claim.Body.Span)
                .Bind(5, origin?.File)
                .Bind(6, origin?.Line)
                .Run() == 1;
        }

        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        return appended;
    }

    public async Task<IReadOnlyDictionary<string, Stored<string>>> FindDigestsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Stored<string>>(claimIds.Count, StringComparer.Ordinal);
        if (claimIds.Count == 0)
        {
            return found;
        }

        var command = database.Prepared("SELECT id, digest, origin_file, origin_line FROM claims WHERE tenant = $tenant AND id IN (SELECT value FROM json_each($ids));")
            .WithParameters("$tenant", "$ids");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$ids"].Value = SqliteValues.JsonArray(claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new Stored<string>(reader.GetString(1), SqliteValues.ReadOrigin(reader, 2));
        }

        return found;
    }

    public async Task<long> CountAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT COUNT(*) FROM claims WHERE tenant = $tenant;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadAsync(TenantId tenant, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT seq, id, digest, body, origin_file, origin_line FROM claims WHERE tenant = $tenant AND seq > $after ORDER BY seq LIMIT $limit;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);

        var entries = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var claim = new Claim(reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3));
            entries.Add(new LedgerEntry(reader.GetInt64(0), claim, SqliteValues.ReadOrigin(reader, 4)));
        }

        return entries;
    }

    public async Task<IReadOnlyDictionary<string, Claim>> GetClaimsAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, Claim>(claimIds.Count, StringComparer.Ordinal);
        if (claimIds.Count == 0)
        {
            return claims;
        }

        var command = database.Prepared(
            "SELECT id, digest, body FROM claims WHERE tenant = $tenant AND id IN (SELECT value FROM json_each($ids));")
            .WithParameters("$tenant", "$ids");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$ids"].Value = SqliteValues.JsonArray(claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var claim = new Claim(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2));
            claims[claim.Id] = claim;
        }

        return claims;
    }

    public async Task<IReadOnlySet<string>> FindExistingAsync(TenantId tenant, IReadOnlyCollection<string> claimIds, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        if (claimIds.Count == 0)
        {
            return existing;
        }

        var command = database.Prepared("SELECT id FROM claims WHERE tenant = $tenant AND id IN (SELECT value FROM json_each($ids));")
            .WithParameters("$tenant", "$ids");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$ids"].Value = SqliteValues.JsonArray(claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Claim>>> FindClaimsByEdgeAsync(
        TenantId tenant, IReadOnlyCollection<string> edgeIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, List<Claim>>(StringComparer.Ordinal);
        if (edgeIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<Claim>>();
        }

        // The expression repeats the one of the claims_tenant_edge index word for word, so SQLite uses the index.
        var command = database.Prepared(
            "SELECT json_extract(CAST(body AS TEXT), '$.edgeId'), id, digest, body FROM claims "
            + "WHERE tenant = $tenant AND json_extract(CAST(body AS TEXT), '$.edgeId') IN (SELECT value FROM json_each($ids)) ORDER BY seq;")
            .WithParameters("$tenant", "$ids");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$ids"].Value = SqliteValues.JsonArray(edgeIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var edgeId = reader.GetString(0);
            if (!found.TryGetValue(edgeId, out var claims))
            {
                found[edgeId] = claims = [];
            }

            claims.Add(new Claim(reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3)));
        }

        return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<Claim>)pair.Value, StringComparer.Ordinal);
    }
}
