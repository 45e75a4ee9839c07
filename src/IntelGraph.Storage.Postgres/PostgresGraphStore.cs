using System.Runtime.CompilerServices;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;
using Npgsql;

namespace IntelGraph.Storage.Postgres;

internal sealed class PostgresGraphStore(PostgresDatabase database) : IGraphStore
{
    private const string EntityColumns = "id, label, type, country, created_at";
    private const string EdgeColumns = "id, source, target, type, created_at";

    public async Task<Stored<GraphEntity>?> FindEntityAsync(TenantId tenant, string entityId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {EntityColumns}, origin_file, origin_line FROM entities WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", entityId);
        return await command.ReadFirstOrDefaultAsync(reader => new Stored<GraphEntity>(ReadEntity(reader), PostgresValues.ReadOrigin(reader, 5)), cancellationToken);
    }

    public async Task InsertEntityAsync(TenantId tenant, GraphEntity entity, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO entities (tenant, id, label, type, country, created_at, origin_file, origin_line) VALUES (@tenant, @id, @label, @type, @country, @createdAt, @originFile, @originLine) "
            + "ON CONFLICT (tenant, id) DO NOTHING;")
            .WithText("tenant", tenant.Value)
            .WithText("id", entity.Id)
            .WithText("label", entity.Label)
            .WithText("type", entity.Type)
            .WithText("country", entity.Country)
            .WithText("createdAt", entity.CreatedAt)
            .WithOrigin(origin);
        await command.InsertOrThrowAsync($"Entity '{entity.Id}' already exists in tenant '{tenant}'.", cancellationToken);
    }

    public async Task<Stored<GraphEdge>?> FindEdgeAsync(TenantId tenant, string edgeId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {EdgeColumns}, origin_file, origin_line FROM edges WHERE tenant = @tenant AND id = @id;")
            .WithText("tenant", tenant.Value).WithText("id", edgeId);
        return await command.ReadFirstOrDefaultAsync(reader => new Stored<GraphEdge>(ReadEdge(reader), PostgresValues.ReadOrigin(reader, 5)), cancellationToken);
    }

    public async Task InsertEdgeAsync(TenantId tenant, GraphEdge edge, SourceLocation? origin, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            "INSERT INTO edges (tenant, id, source, target, type, created_at, origin_file, origin_line) "
            + "SELECT @tenant, @id, @source, @target, @type, @createdAt, @originFile, @originLine "
            + "WHERE EXISTS (SELECT 1 FROM entities WHERE tenant = @tenant AND id = @source) AND EXISTS (SELECT 1 FROM entities WHERE tenant = @tenant AND id = @target) "
            + "ON CONFLICT (tenant, id) DO NOTHING;")
            .WithText("tenant", tenant.Value)
            .WithText("id", edge.Id)
            .WithText("source", edge.Source)
            .WithText("target", edge.Target)
            .WithText("type", edge.Type)
            .WithText("createdAt", edge.CreatedAt)
            .WithOrigin(origin);
        await command.InsertOrThrowAsync(
            $"Edge '{edge.Id}' was not stored in tenant '{tenant}': its id exists or an endpoint entity is missing.", cancellationToken);
    }

    /// <summary>Inserts a run of entities with one statement over arrays, skipping taken ids.</summary>
    public async Task<IReadOnlyList<bool>> TryInsertEntitiesAsync(TenantId tenant, IReadOnlyList<Stored<GraphEntity>> entities, CancellationToken cancellationToken)
    {
        return await PostgresValues.InsertRunAsync(
            entities,
            entity => entity.Id,
            () => database.Command(
                "INSERT INTO entities (tenant, id, label, type, country, created_at, origin_file, origin_line) "
                + "SELECT @tenant, e.id, e.label, e.type, e.country, e.created_at, e.origin_file, e.origin_line "
                + "FROM unnest(@ids, @labels, @types, @countries, @createdAts, @originFiles, @originLines) WITH ORDINALITY "
                + "AS e(id, label, type, country, created_at, origin_file, origin_line, position) ORDER BY e.position "
                + "ON CONFLICT (tenant, id) DO NOTHING RETURNING id, origin_file, origin_line;")
                .WithText("tenant", tenant.Value)
                .WithTextArray("ids", entities.Select(e => e.Value.Id))
                .WithTextArray("labels", entities.Select(e => e.Value.Label))
                .WithTextArray("types", entities.Select(e => e.Value.Type))
                .WithNullableTextArray("countries", entities.Select(e => e.Value.Country))
                .WithTextArray("createdAts", entities.Select(e => e.Value.CreatedAt))
                .WithOrigins(entities.Select(e => e.Origin)),
            cancellationToken);
    }

    /// <summary>Inserts a run of edges with one statement over arrays, skipping taken ids and edges whose endpoints are missing.</summary>
    public async Task<IReadOnlyList<bool>> TryInsertEdgesAsync(TenantId tenant, IReadOnlyList<Stored<GraphEdge>> edges, CancellationToken cancellationToken)
    {
        return await PostgresValues.InsertRunAsync(
            edges,
            edge => edge.Id,
            () => database.Command(
                "INSERT INTO edges (tenant, id, source, target, type, created_at, origin_file, origin_line) "
                + "SELECT @tenant, e.id, e.source, e.target, e.type, e.created_at, e.origin_file, e.origin_line "
                + "FROM unnest(@ids, @sources, @targets, @types, @createdAts, @originFiles, @originLines) WITH ORDINALITY "
                + "AS e(id, source, target, type, created_at, origin_file, origin_line, position) "
                + "WHERE EXISTS (SELECT 1 FROM entities AS s WHERE s.tenant = @tenant AND s.id = e.source) "
                + "AND EXISTS (SELECT 1 FROM entities AS t WHERE t.tenant = @tenant AND t.id = e.target) ORDER BY e.position "
                + "ON CONFLICT (tenant, id) DO NOTHING RETURNING id, origin_file, origin_line;")
                .WithText("tenant", tenant.Value)
                .WithTextArray("ids", edges.Select(e => e.Value.Id))
                .WithTextArray("sources", edges.Select(e => e.Value.Source))
                .WithTextArray("targets", edges.Select(e => e.Value.Target))
                .WithTextArray("types", edges.Select(e => e.Value.Type))
                .WithTextArray("createdAts", edges.Select(e => e.Value.CreatedAt))
                .WithOrigins(edges.Select(e => e.Origin)),
            cancellationToken);
    }

    public IAsyncEnumerable<GraphEntity> ScanEntitiesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync($"SELECT {EntityColumns} FROM entities WHERE tenant = @tenant ORDER BY id;", tenant, ReadEntity, cancellationToken);

    public IAsyncEnumerable<GraphEdge> ScanEdgesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync($"SELECT {EdgeColumns} FROM edges WHERE tenant = @tenant ORDER BY id;", tenant, ReadEdge, cancellationToken);

    public Task<long> CountEntitiesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        CountAsync("entities", tenant, cancellationToken);

    public Task<long> CountEdgesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        CountAsync("edges", tenant, cancellationToken);

    public async Task<IReadOnlyList<GraphEdge>> FindIncidentEdgesAsync(TenantId tenant, string entityId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            $"SELECT {EdgeColumns} FROM edges WHERE tenant = @tenant AND (source = @id OR target = @id) ORDER BY id LIMIT @limit;")
            .WithText("tenant", tenant.Value).WithText("id", entityId).With("limit", limit);
        return await command.ReadAllAsync(ReadEdge, cancellationToken);
    }

    public async Task<IReadOnlyList<GraphEntity>> SearchEntitiesAsync(TenantId tenant, string text, int limit, CancellationToken cancellationToken)
    {
        // strpos over lower() keeps the search text a plain value: no LIKE wildcards to escape. With the "C"
        // collation lower() folds ASCII letters only, as the embedded store does.
        await using var command = database.Command(
            $"SELECT {EntityColumns} FROM entities WHERE tenant = @tenant AND strpos(lower(label), lower(@text)) > 0 ORDER BY label, id LIMIT @limit;")
            .WithText("tenant", tenant.Value).WithText("text", text).With("limit", limit);
        return await command.ReadAllAsync(ReadEntity, cancellationToken);
    }

    public async Task<int> AddEntityAliasesAsync(TenantId tenant, string entityId, IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        if (await FindEntityAsync(tenant, entityId, cancellationToken) is null)
        {
            throw new NotFoundException($"Tenant '{tenant}' has no entity '{entityId}' to add aliases to. Store the entity first.");
        }

        if (aliases.Count == 0)
        {
            return 0;
        }

        // DISTINCT keeps an alias listed twice from conflicting with itself inside the one statement.
        await using var command = database.Command(
            "INSERT INTO entity_aliases (tenant, entity_id, alias) SELECT DISTINCT @tenant, @entityId, a FROM unnest(@aliases) AS a "
            + "ON CONFLICT (tenant, entity_id, alias) DO NOTHING;")
            .WithText("tenant", tenant.Value)
            .WithText("entityId", entityId)
            .WithTextArray("aliases", aliases);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindEntityAliasesAsync(TenantId tenant, string entityId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT alias FROM entity_aliases WHERE tenant = @tenant AND entity_id = @entityId ORDER BY alias;")
            .WithText("tenant", tenant.Value).WithText("entityId", entityId);
        return await command.ReadAllAsync(reader => reader.GetString(0), cancellationToken);
    }

    public IAsyncEnumerable<EntityAlias> ScanEntityAliasesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync(
            "SELECT entity_id, alias FROM entity_aliases WHERE tenant = @tenant ORDER BY entity_id, alias;",
            tenant,
            reader => new EntityAlias(reader.GetString(0), reader.GetString(1)),
            cancellationToken);

    private async Task<long> CountAsync(string table, TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT COUNT(*) FROM {table} WHERE tenant = @tenant;").WithText("tenant", tenant.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async IAsyncEnumerable<T> ScanAsync<T>(
        string sql, TenantId tenant, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.Command(sql).WithText("tenant", tenant.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return read(reader);
        }
    }

    private static GraphEntity ReadEntity(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), PostgresValues.ReadNullableString(reader, 3), reader.GetString(4));

    private static GraphEdge ReadEdge(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
}
