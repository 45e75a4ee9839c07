using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresLedgerStore(PostgresDatabase database) : ILedgerStore
{
    // The tenant's advisory lock is taken in the same statement and held until the transaction ends, so one
    // tenant's appends commit in the order of their sequence numbers. A reader paging by sequence therefore
    // never passes a claim that commits later with a smaller number, even with several servers writing.
    private const string AppendSql =
        "INSERT INTO claims (tenant, id, digest, body, origin_file, origin_line) "
        + "SELECT @tenant, @id, @digest, @body, @originFile, @originLine FROM (SELECT pg_advisory_xact_lock(hashtextextended('claims:' || @tenant, 0))) AS tenant_lock "
        + "ON CONFLICT (tenant, id) DO NOTHING;";

    public async Task<Stored<string>?> FindDigestAsync(TenantId tenant, string claimId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT digest, origin_file, origin_line FROM claims WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", claimId);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Stored<string>(reader.GetString(0), PostgresValues.ReadOrigin(reader, 1))
            : null;
    }

    public async Task AppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken)
    {
        if (!await TryAppendAsync(tenant, claim, origin, cancellationToken))
        {
            throw new StoreException($"Claim '{claim.Id}' is already in the ledger of tenant '{tenant}'; the ledger is append-only.");
        }
    }

    public async Task<bool> TryAppendAsync(TenantId tenant, Claim claim, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = database.Command(AppendSql)
            .WithText("tenant", tenant.Value)
            .WithText("id", claim.Id)
            .WithText("digest", claim.Digest)
            .With("body", claim.Body.ToArray())
            .WithOrigin(origin);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Takes the tenant's append lock, looks up which ids the ledger already contains, and streams the others straight
    /// into the ledger with binary COPY, in order.
    /// </summary>
    /// <remarks>
    /// Every append of the tenant takes the same lock and keeps it until its transaction ends, so no other writer
    /// can add one of these ids between the lookup and the COPY. Each row therefore goes through the ledger's
    /// indexes once, where an insert from a staging table would write every body twice.
    /// </remarks>
    public async Task<IReadOnlyList<bool>> TryAppendManyAsync(TenantId tenant, IReadOnlyList<PendingClaim> claims, CancellationToken cancellationToken)
    {
        var appended = new bool[claims.Count];
        if (claims.Count == 0)
        {
            return appended;
        }

        // The lock is released when the transaction ends, so the bulk path always runs in one.
        await using var ownTransaction = database.HasTransaction ? null : await database.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = database.Command("SELECT pg_advisory_xact_lock(hashtextextended('claims:' || @tenant, 0));").WithText("tenant", tenant.Value))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var ids = claims.Select(c => c.Claim.Id).Distinct(StringComparer.Ordinal).ToList();
        var stored = new HashSet<string>(await FindExistingAsync(tenant, ids, cancellationToken), StringComparer.Ordinal);
        for (var i = 0; i < claims.Count; i++)
        {
            // Of two claims with the same id in one run, the first is appended and the second finds it already stored.
            appended[i] = stored.Add(claims[i].Claim.Id);
        }

        await using (var copy = await database.Connection.BeginBinaryImportAsync(
            "COPY claims (tenant, id, digest, body, origin_file, origin_line) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < claims.Count; i++)
            {
                if (!appended[i])
                {
                    continue;
                }

                var (claim, origin) = (claims[i].Claim, claims[i].Origin);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(tenant.Value, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(claim.Id, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(claim.Digest, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(claim.Body, NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
                if (origin is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(origin.File, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(origin.Line, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
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

        await using var command = database.Command("SELECT id, digest, origin_file, origin_line FROM claims WHERE tenant = @tenant AND id = ANY(@ids);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new Stored<string>(reader.GetString(1), PostgresValues.ReadOrigin(reader, 2));
        }

        return found;
    }

    public async Task<long> CountAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT COUNT(*) FROM claims WHERE tenant = @tenant;").WithText("tenant", tenant.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<LedgerEntry>> ReadAsync(TenantId tenant, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "SELECT seq, id, digest, body, origin_file, origin_line FROM claims WHERE tenant = @tenant AND seq > @after ORDER BY seq LIMIT @limit;")
            .WithText("tenant", tenant.Value).With("after", afterSequence).With("limit", limit);

        var entries = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var claim = new Claim(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3));
            entries.Add(new LedgerEntry(reader.GetInt64(0), claim, PostgresValues.ReadOrigin(reader, 4)));
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

        await using var command = database.Command("SELECT id, digest, body FROM claims WHERE tenant = @tenant AND id = ANY(@ids);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", claimIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var claim = new Claim(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
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

        await using var command = database.Command("SELECT id FROM claims WHERE tenant = @tenant AND id = ANY(@ids);")
            .WithText("tenant", tenant.Value).WithTextArray("ids", claimIds);

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

        // claim_edge_id is the expression of the claims_tenant_edge index (schema migration 0004).
        await using var command = database.Command(
            "SELECT claim_edge_id(body), id, digest, body FROM claims WHERE tenant = @tenant AND claim_edge_id(body) = ANY(@ids) ORDER BY seq;")
            .WithText("tenant", tenant.Value).WithTextArray("ids", edgeIds);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var edgeId = reader.GetString(0);
            if (!found.TryGetValue(edgeId, out var claims))
            {
                found[edgeId] = claims = [];
            }

            claims.Add(new Claim(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
        }

        return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<Claim>)pair.Value, StringComparer.Ordinal);
    }
}
