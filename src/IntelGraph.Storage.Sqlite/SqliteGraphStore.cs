using System.Runtime.CompilerServices;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;
using Microsoft.Data.Sqlite;

namespace IntelGraph.Storage.Sqlite;

internal sealed class SqliteGraphStore(SqliteDatabase database) : IGraphStore
{
    private const string EntityColumns = "id, label, type, country, created_at";
    private const string EdgeColumns = "id, source, target, type, created_at";

    public async Task<Stored<GraphEntity>?> FindEntityAsync(TenantId tenant, string entityId, CancellationToken cancellationToken)
    {
        var command = database.Prepared($"SELECT {EntityColumns}, origin_file, origin_line FROM entities WHERE tenant = $tenant AND id = $id;")
            .WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = entityId;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Stored<GraphEntity>(ReadEntity(reader), SqliteValues.ReadOrigin(reader, 5))
            : null;
    }

    public async Task InsertEntityAsync(TenantId tenant, GraphEntity entity, SourceLocation? origin, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "INSERT INTO entities (tenant, id, label, type, country, created_at, origin_file, origin_line) VALUES ($tenant, $id, $label, $type, $country, $createdAt, $originFile, $originLine);")
            .WithParameters("$tenant", "$id", "$label", "$type", "$country", "$createdAt", "$originFile", "$originLine");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = entity.Id;
        command.Parameters["$label"].Value = entity.Label;
        command.Parameters["$type"].Value = entity.Type;
        command.Parameters["$country"].Value = SqliteValues.DbValue(entity.Country);
        command.Parameters["$createdAt"].Value = entity.CreatedAt;
        SqliteValues.BindOrigin(command, origin);

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteValues.IsConstraintViolation(ex))
        {
            throw new StoreException($"Entity '{entity.Id}' already exists in tenant '{tenant}'.", ex);
        }
    }

    public async Task<Stored<GraphEdge>?> FindEdgeAsync(TenantId tenant, string edgeId, CancellationToken cancellationToken)
    {
        var command = database.Prepared($"SELECT {EdgeColumns}, origin_file, origin_line FROM edges WHERE tenant = $tenant AND id = $id;")
            .WithParameters("$tenant", "$id");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = edgeId;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Stored<GraphEdge>(ReadEdge(reader), SqliteValues.ReadOrigin(reader, 5))
            : null;
    }

    public async Task InsertEdgeAsync(TenantId tenant, GraphEdge edge, SourceLocation? origin, CancellationToken cancellationToken)
    {
        var command = database.Prepared(
            "INSERT INTO edges (tenant, id, source, target, type, created_at, origin_file, origin_line) VALUES ($tenant, $id, $source, $target, $type, $createdAt, $originFile, $originLine);")
            .WithParameters("$tenant", "$id", "$source", "$target", "$type", "$createdAt", "$originFile", "$originLine");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = edge.Id;
        command.Parameters["$source"].Value = edge.Source;
        command.Parameters["$target"].Value = edge.Target;
        command.Parameters["$type"].Value = edge.Type;
        command.Parameters["$createdAt"].Value = edge.CreatedAt;
        SqliteValues.BindOrigin(command, origin);

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteValues.IsConstraintViolation(ex))
        {
            throw new StoreException($"Edge '{edge.Id}' was not stored in tenant '{tenant}': its id exists or an endpoint entity is missing.", ex);
        }
    }

    public IAsyncEnumerable<GraphEntity> ScanEntitiesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync($"SELECT {EntityColumns} FROM entities WHERE tenant = $tenant ORDER BY id;", tenant, ReadEntity, cancellationToken);

    public IAsyncEnumerable<GraphEdge> ScanEdgesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync($"SELECT {EdgeColumns} FROM edges WHERE tenant = $tenant ORDER BY id;", tenant, ReadEdge, cancellationToken);

    // The tables' rows are in rowid order while the id order lives in the primary key's separate index, so a
    // scan by id reads the table at random. NOT INDEXED makes SQLite read the table front to back instead.
    public IAsyncEnumerable<GraphEntity> ScanEntitiesUnorderedAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync($"SELECT {EntityColumns} FROM entities NOT INDEXED WHERE tenant = $tenant;", tenant, ReadEntity, cancellationToken);

    public IAsyncEnumerable<GraphEdge> ScanEdgesUnorderedAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync($"SELECT {EdgeColumns} FROM edges NOT INDEXED WHERE tenant = $tenant;", tenant, ReadEdge, cancellationToken);

    public Task<long> CountEntitiesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        CountAsync("entities", tenant, cancellationToken);

    public Task<long> CountEdgesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        CountAsync("edges", tenant, cancellationToken);

    public async Task<IReadOnlyList<GraphEdge>> FindIncidentEdgesAsync(TenantId tenant, string entityId, int limit, CancellationToken cancellationToken)
    {
        // With "source = $id OR target = $id", SQLite walks every edge of the tenant in id order to
        // satisfy ORDER BY. Two index lookups and a sort of the few matches are far cheaper.
        var command = database.Prepared(
            $"SELECT {EdgeColumns} FROM edges INDEXED BY edges_tenant_source WHERE tenant = $tenant AND source = $id "
            + $"UNION SELECT {EdgeColumns} FROM edges INDEXED BY edges_tenant_target WHERE tenant = $tenant AND target = $id "
            + "ORDER BY id LIMIT $limit;")
            .WithParameters("$tenant", "$id", "$limit");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$id"].Value = entityId;
        command.Parameters["$limit"].Value = limit;

        var edges = new List<GraphEdge>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            edges.Add(ReadEdge(reader));
        }

        return edges;
    }

    public async Task<IReadOnlyList<GraphEntity>> SearchEntitiesAsync(TenantId tenant, string text, int limit, CancellationToken cancellationToken)
    {
        // instr over lower() keeps the search text a plain value: no LIKE wildcards to escape.
        await using var command = database.Command(
            $"SELECT {EntityColumns} FROM entities WHERE tenant = $tenant AND instr(lower(label), lower($text)) > 0 ORDER BY label, id LIMIT $limit;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$limit", limit);

        var entities = new List<GraphEntity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entities.Add(ReadEntity(reader));
        }

        return entities;
    }

    public async Task<int> AddEntityAliasesAsync(TenantId tenant, string entityId, IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        if (await FindEntityAsync(tenant, entityId, cancellationToken) is null)
        {
            throw new NotFoundException($"Tenant '{tenant}' has no entity '{entityId}' to add aliases to. Store the entity first.");
        }

        var command = database.Prepared("INSERT INTO entity_aliases (tenant, entity_id, alias) VALUES ($tenant, $entityId, $alias) ON CONFLICT DO NOTHING;")
            .WithParameters("$tenant", "$entityId", "$alias");
        command.Parameters["$tenant"].Value = tenant.Value;
        command.Parameters["$entityId"].Value = entityId;

        var added = 0;
        foreach (var alias in aliases)
        {
            command.Parameters["$alias"].Value = alias;
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return added;
    }

    public async Task<IReadOnlyList<string>> FindEntityAliasesAsync(TenantId tenant, string entityId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT alias FROM entity_aliases WHERE tenant = $tenant AND entity_id = $entityId ORDER BY alias;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$entityId", entityId);

        var aliases = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            aliases.Add(reader.GetString(0));
        }

        return aliases;
    }

    public IAsyncEnumerable<EntityAlias> ScanEntityAliasesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanAsync(
            "SELECT entity_id, alias FROM entity_aliases WHERE tenant = $tenant ORDER BY entity_id, alias;",
            tenant,
            reader => new EntityAlias(reader.GetString(0), reader.GetString(1)),
            cancellationToken);

    private async Task<long> CountAsync(string table, TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT COUNT(*) FROM {table} WHERE tenant = $tenant;");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async IAsyncEnumerable<T> ScanAsync<T>(
        string sql, TenantId tenant, Func<SqliteDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.Command(sql);
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return read(reader);
        }
    }

    private static GraphEntity ReadEntity(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadNullableString(reader, 3), reader.GetString(4));

    private static GraphEdge ReadEdge(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
}
