using IntelGraph.Core;
using IntelGraph.Cypher.Values;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Cypher.Graph;

/// <summary>
/// Loads a tenant's stored graph into an <see cref="InMemoryPropertyGraph"/> for Cypher: each entity becomes a node
/// labelled with its type, with <c>id</c>, <c>label</c>, <c>type</c>, <c>country</c> and <c>createdAt</c> as
/// properties, plus <c>aliases</c> (a list of strings) when the entity has any, and each edge a relationship of its
/// type with <c>id</c> and <c>createdAt</c>. Node ids are indexed.
/// </summary>
// NOTE: the whole tenant graph is copied into memory for each query, which limits it to tenants of moderate size.
// Changes that a query makes to the copy are not saved.
public static class TenantGraphSnapshot
{
    public static async Task<InMemoryPropertyGraph> LoadAsync(IGraphStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        var aliases = new Dictionary<string, List<CypherValue>>(StringComparer.Ordinal);
        await foreach (var alias in store.ScanEntityAliasesAsync(tenant, cancellationToken))
        {
            if (!aliases.TryGetValue(alias.EntityId, out var list))
            {
                aliases[alias.EntityId] = list = [];
            }

            list.Add(new StringValue(alias.Alias));
        }

        var graph = new InMemoryPropertyGraph(indexedKeys: ["id"]);
        var nodeIds = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var entity in store.ScanEntitiesAsync(tenant, cancellationToken))
        {
            var properties = new Dictionary<string, CypherValue>(StringComparer.Ordinal)
            {
                ["id"] = new StringValue(entity.Id),
                ["label"] = new StringValue(entity.Label),
                ["type"] = new StringValue(entity.Type),
                ["createdAt"] = new StringValue(entity.CreatedAt),
            };
            if (entity.Country is not null)
            {
                properties["country"] = new StringValue(entity.Country);
            }

            if (aliases.TryGetValue(entity.Id, out var entityAliases))
            {
                properties["aliases"] = new ListValue(entityAliases);
            }

            nodeIds[entity.Id] = graph.CreateNode([entity.Type], properties).Id;
        }

        await foreach (var edge in store.ScanEdgesAsync(tenant, cancellationToken))
        {
            // The store keeps an edge only while both endpoints exist, so both ids are known here.
            var properties = new Dictionary<string, CypherValue>(StringComparer.Ordinal)
            {
                ["id"] = new StringValue(edge.Id),
                ["createdAt"] = new StringValue(edge.CreatedAt),
            };
            graph.CreateRelationship(edge.Type, nodeIds[edge.Source], nodeIds[edge.Target], properties);
        }

        return graph;
    }
}
