using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Analytics.Graph;

/// <summary>Reads a tenant's whole graph from the store into an <see cref="AnalyticsGraph"/>.</summary>
public static class AnalyticsGraphLoader
{
    /// <summary>Reads every entity and edge of the tenant and numbers both in id order.</summary>
    /// <remarks>
    /// The store reads in whatever order is fastest, and entities and edges are sorted by id in memory when
    /// they did not arrive that way. Sorting in memory is much faster than an id-ordered scan on SQLite, which reads the
    /// table at random. NOTE: the graph is read whole on every call and nothing is cached, so each analysis
    /// of a million-edge tenant pays the full read from the store again.
    /// </remarks>
    public static async Task<AnalyticsGraph> LoadAsync(IGraphStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        var entities = new List<GraphEntity>();
        await foreach (var entity in store.ScanEntitiesUnorderedAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            entities.Add(entity);
        }

        SortById(entities, entity => entity.Id);
        var builder = new AnalyticsGraphBuilder();
        foreach (var entity in entities)
        {
            builder.AddNode(entity);
        }

        // The store keeps an edge only while both endpoints exist, so every edge finds its nodes here. The
        // builder keeps an edge as its id and three numbers and sorts the edges by id when it builds.
        await foreach (var edge in store.ScanEdgesUnorderedAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            builder.AddEdge(edge);
        }

        return builder.Build();
    }

    private static void SortById<T>(List<T> records, Func<T, string> id)
    {
        for (var i = 1; i < records.Count; i++)
        {
            if (string.CompareOrdinal(id(records[i - 1]), id(records[i])) > 0)
            {
                records.Sort((a, b) => string.CompareOrdinal(id(a), id(b)));
                return;
            }
        }
    }
}
