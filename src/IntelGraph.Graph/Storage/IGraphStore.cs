using IntelGraph.Core;

namespace IntelGraph.Graph.Storage;

/// <summary>The entities and edges of each tenant. An edge is only stored once both of its endpoints are.</summary>
public interface IGraphStore
{
    Task<Stored<GraphEntity>?> FindEntityAsync(TenantId tenant, string entityId, CancellationToken cancellationToken);

    /// <summary>Inserts an entity. Throws <see cref="StoreException"/> when the id exists.</summary>
    Task InsertEntityAsync(TenantId tenant, GraphEntity entity, SourceLocation? origin, CancellationToken cancellationToken);

    Task<Stored<GraphEdge>?> FindEdgeAsync(TenantId tenant, string edgeId, CancellationToken cancellationToken);

    /// <summary>Inserts an edge. Throws <see cref="StoreException"/> when the id exists or an endpoint is missing.</summary>
    Task InsertEdgeAsync(TenantId tenant, GraphEdge edge, SourceLocation? origin, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts each entity whose id is free, in order, and returns for each one whether it was stored. Nothing is
    /// thrown for an entity that is not stored; the caller looks up why.
    /// </summary>
    /// <remarks>The default implementation inserts one by one. Stores that can send many statements at once override it.</remarks>
    Task<IReadOnlyList<bool>> TryInsertEntitiesAsync(TenantId tenant, IReadOnlyList<Stored<GraphEntity>> entities, CancellationToken cancellationToken) =>
        StoreRuns.TryEachAsync(entities, entity => InsertEntityAsync(tenant, entity.Value, entity.Origin, cancellationToken));

    /// <summary>
    /// Inserts each edge whose id is free and whose endpoints exist, in order, and returns for each one whether it
    /// was stored. Nothing is thrown for an edge that is not stored; the caller looks up why.
    /// </summary>
    /// <remarks>The default implementation inserts one by one. Stores that can send many statements at once override it.</remarks>
    Task<IReadOnlyList<bool>> TryInsertEdgesAsync(TenantId tenant, IReadOnlyList<Stored<GraphEdge>> edges, CancellationToken cancellationToken) =>
        StoreRuns.TryEachAsync(edges, edge => InsertEdgeAsync(tenant, edge.Value, edge.Origin, cancellationToken));

    /// <summary>Streams every entity of the tenant, ordered by id.</summary>
    IAsyncEnumerable<GraphEntity> ScanEntitiesAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Streams every edge of the tenant, ordered by id.</summary>
    IAsyncEnumerable<GraphEdge> ScanEdgesAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Streams every entity of the tenant in whatever order the store reads fastest, not necessarily by id.</summary>
    /// <remarks>The default implementation is <see cref="ScanEntitiesAsync"/>. Stores for which id order costs a random read per row override it.</remarks>
    IAsyncEnumerable<GraphEntity> ScanEntitiesUnorderedAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanEntitiesAsync(tenant, cancellationToken);

    /// <summary>Streams every edge of the tenant in whatever order the store reads fastest, not necessarily by id.</summary>
    /// <remarks>The default implementation is <see cref="ScanEdgesAsync"/>. Stores for which id order costs a random read per row override it.</remarks>
    IAsyncEnumerable<GraphEdge> ScanEdgesUnorderedAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ScanEdgesAsync(tenant, cancellationToken);

    Task<long> CountEntitiesAsync(TenantId tenant, CancellationToken cancellationToken);

    Task<long> CountEdgesAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Returns the edges that start or end at the entity, up to <paramref name="limit"/>, ordered by edge id.</summary>
    Task<IReadOnlyList<GraphEdge>> FindIncidentEdgesAsync(TenantId tenant, string entityId, int limit, CancellationToken cancellationToken);

    /// <summary>Returns entities whose label contains <paramref name="text"/>, ignoring ASCII case, ordered by label then id.</summary>
    Task<IReadOnlyList<GraphEntity>> SearchEntitiesAsync(TenantId tenant, string text, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the aliases that the entity does not have yet and returns how many were added. Aliases are
    /// compared ordinally, so one that differs only in case is stored as another alias.
    /// </summary>
    /// <exception cref="NotFoundException">The tenant has no entity with that id.</exception>
    Task<int> AddEntityAliasesAsync(TenantId tenant, string entityId, IReadOnlyCollection<string> aliases, CancellationToken cancellationToken);

    /// <summary>Returns the entity's aliases in ordinal order; empty when it has none or does not exist.</summary>
    Task<IReadOnlyList<string>> FindEntityAliasesAsync(TenantId tenant, string entityId, CancellationToken cancellationToken);

    /// <summary>Streams every alias of the tenant's entities, ordered by entity id, then alias.</summary>
    IAsyncEnumerable<EntityAlias> ScanEntityAliasesAsync(TenantId tenant, CancellationToken cancellationToken);
}
