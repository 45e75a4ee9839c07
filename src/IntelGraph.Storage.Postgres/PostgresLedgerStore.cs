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
    /// Streams the claims into a temporary staging table with binary COPY, then moves them into the ledger with one
    /// INSERT that skips ids already there and returns the rows it added.
    /// </summary>
    public async Task<IReadOnlyList<bool>> TryAppendManyAsync(TenantId tenant, IReadOnlyList<PendingClaim> claims, CancellationToken cancellationToken)
    {
        var appended = new bool[claims.Count];
        if (claims.Count == 0)
        {
            return appended;
        }

        // ON COMMIT DELETE ROWS only empties the staging table at a commit, so the bulk path always runs in a transaction.
        await using var ownTransaction = database.HasTransaction ? null : await database.BeginTransactionAsync(cancellationToken);
        await database.ExecuteAsync(
            "CREATE TEMP TABLE IF NOT EXISTS claim_staging (ord INTEGER, id TEXT COLLATE \"C\", digest TEXT, body BYTEA, origin_file TEXT, origin_line BIGINT) ON COMMIT DELETE ROWS;",
            cancellationToken);

        await using (var copy = await database.Connection.BeginBinaryImportAsync(
            "COPY claim_staging (ord, id, digest, body, origin_file, origin_line) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < claims.Count; i++)
            {
                var (claim, origin) = (claims[i].Claim, claims[i].Origin);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
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

        // The staging order is the append order, and a staged row is known by its ordinal through the origin it carries.
        await using (var insert = database.Command(
            "INSERT INTO claims (tenant, id, digest, body, origin_file, origin_line) "
            + "SELECT @tenant, s.id, s.digest, s.body, s.origin_file, s.origin_line "
            + "FROM (SELECT pg_advisory_xact_lock(hashtextextended('claims:' || @tenant, 0))) AS tenant_lock, claim_staging AS s ORDER BY s.ord "
            + "ON CONFLICT (tenant, id) DO NOTHING RETURNING id, origin_file, origin_line;")
            .WithText("tenant", tenant.Value))
        {
            var added = new HashSet<(string, string?, long?)>();
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    added.Add((reader.GetString(0), PostgresValues.ReadNullableString(reader, 1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
                }
            }

            for (var i = 0; i < claims.Count; i++)
            {
                appended[i] = added.Remove((claims[i].Claim.Id, claims[i].Origin?.File, claims[i].Origin?.Line));
            }
        }

        await database.ExecuteAsync("TRUNCATE claim_staging;", cancellationToken);
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

    public async Task<IReadOnlyList<LedgerPosition>> ReadIdsByOriginAsync(
        TenantId tenant, string? originFile, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        // IS NOT DISTINCT FROM would match NULL too, but no index serves it, so the two cases get their own condition.
        var originCondition = originFile is null ? "origin_file IS NULL" : "origin_file = @originFile";
        await using var command = database.Command(
            $"SELECT seq, id FROM claims WHERE tenant = @tenant AND {originCondition} AND seq > @after ORDER BY seq LIMIT @limit;")
            .WithText("tenant", tenant.Value).With("after", afterSequence).With("limit", limit);
        if (originFile is not null)
        {
            command.WithText("originFile", originFile);
        }


        var positions = new List<LedgerPosition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add(new LedgerPosition(reader.GetInt64(0), reader.GetString(1)));
        }

        return positions;
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
