using IntelGraph.Graph;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Observability;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Graph;

/// <summary>Read access to the tenant's knowledge graph: entities by id, search by label, and an entity's neighbours.</summary>
public static class GraphEndpoints
{
    public const int MaxLabelQueryLength = 200;

    public static RouteGroupBuilder MapGraphEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/graph").WithTags("Graph").RequireMatrixAccess().AddEndpointFilter<GraphQueryTimingFilter>();

        group.MapGet("/entities", SearchAsync)
            .WithName("SearchEntities")
            .WithSummary("Find entities whose label contains the text, ignoring ASCII case, ordered by label then id.");
        group.MapGet("/entities/{entityId}", GetEntityAsync)
            .WithName("GetEntity")
            .WithSummary("Read an entity.");
        group.MapGet("/entities/{entityId}/neighbours", GetNeighboursAsync)
            .WithName("GetNeighbours")
            .WithSummary("Read an entity's edges, ordered by edge id, and the entities at their other ends.");
        group.MapPost("/query", GraphQueryEndpoint.QueryAsync)
            .WithName("QueryGraph")
            .WithSummary("Run a read-only Cypher query, estimated and held to the tenant's budget first; rows and the graph they contain.");

        return group;
    }

    internal static async Task<Results<Ok<EntityList>, ValidationProblem>> SearchAsync(
        Caller caller,
        RequestStores requestStores,
        string? label,
        string? limit,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var text = InputRules.Text(errors, "label", label, MaxLabelQueryLength, required: true);
        var pageSize = InputRules.PageSize(errors, limit);
        if (text is null || pageSize is null)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var entities = await stores.Graph.SearchEntitiesAsync(caller.Tenant, text, pageSize.Value, cancellationToken);
        return TypedResults.Ok(new EntityList([.. entities.Select(EntityResponse.From)]));
    }

    internal static async Task<Results<Ok<EntityResponse>, ProblemHttpResult>> GetEntityAsync(
        string entityId,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var stores = await requestStores.GetAsync(cancellationToken);
        var stored = await stores.Graph.FindEntityAsync(caller.Tenant, entityId, cancellationToken);
        return stored is null ? EntityNotFound(caller, entityId) : TypedResults.Ok(EntityResponse.From(stored.Value));
    }

    internal static async Task<Results<Ok<Neighbourhood>, ValidationProblem, ProblemHttpResult>> GetNeighboursAsync(
        string entityId,
        Caller caller,
        RequestStores requestStores,
        string? limit,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pageSize = InputRules.PageSize(errors, limit);
        if (pageSize is null)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var entity = await stores.Graph.FindEntityAsync(caller.Tenant, entityId, cancellationToken);
        if (entity is null)
        {
            return EntityNotFound(caller, entityId);
        }

        var edges = await stores.Graph.FindIncidentEdgesAsync(caller.Tenant, entityId, pageSize.Value, cancellationToken);
        var neighbourIds = edges
            .Select(edge => edge.Source == entityId ? edge.Target : edge.Source)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var neighbours = new List<EntityResponse>(neighbourIds.Count);
        foreach (var neighbourId in neighbourIds)
        {
            // An edge is stored only once both endpoints are, so every neighbour exists.
            if (await stores.Graph.FindEntityAsync(caller.Tenant, neighbourId, cancellationToken) is { } neighbour)
            {
                neighbours.Add(EntityResponse.From(neighbour.Value));
            }
        }

        return TypedResults.Ok(new Neighbourhood(
            EntityResponse.From(entity.Value),
            [.. edges.Select(edge => EdgeResponse.From(edge, entityId))],
            neighbours));
    }

    private static ProblemHttpResult EntityNotFound(Caller caller, string entityId) =>
        Problems.NotFound(ErrorCodes.EntityNotFound, $"Tenant '{caller.Tenant}' has no entity with id '{InputRules.Shorten(entityId)}'.");
}

/// <param name="Type">The entity's kind, such as <c>intrusion-set</c>.</param>
/// <param name="Country">An ISO 3166 alpha-2 code, or null when unknown.</param>
public sealed record EntityResponse(string Id, string Label, string Type, string? Country, string CreatedAt)
{
    public static EntityResponse From(GraphEntity entity) => new(entity.Id, entity.Label, entity.Type, entity.Country, entity.CreatedAt);
}

public sealed record EntityList(IReadOnlyList<EntityResponse> Items);

/// <param name="Direction"><c>out</c> when the edge starts at the entity asked about, <c>in</c> when it ends there.</param>
public sealed record EdgeResponse(string Id, string Source, string Target, string Type, string CreatedAt, string Direction)
{
    public static EdgeResponse From(GraphEdge edge, string entityId) =>
        new(edge.Id, edge.Source, edge.Target, edge.Type, edge.CreatedAt, edge.Source == entityId ? "out" : "in");
}

/// <summary>An entity, its edges and the distinct entities at their other ends.</summary>
public sealed record Neighbourhood(EntityResponse Entity, IReadOnlyList<EdgeResponse> Edges, IReadOnlyList<EntityResponse> Neighbours);
