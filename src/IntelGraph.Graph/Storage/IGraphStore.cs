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

    Task<long> CountEntitiesAsync(TenantId tenant, CancellationToken cancellationToken);

    Task<long> CountEdgesAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Returns the edges that start or end at the entity, up to <paramref name="limit"/>, ordered by edge id.</summary>
    Task<IReadOnlyList<GraphEdge>> FindIncidentEdgesAsync(TenantId tenant, string entityId, int limit, CancellationToken cancellationToken);

    /// <summary>Returns entities whose label contains <paramref name="text"/>, ignoring ASCII case, ordered by label then id.</summary>
    Task<IReadOnlyList<GraphEntity>> SearchEntitiesAsync(TenantId tenant, string text, int limit, CancellationToken cancellationToken);
}
