using IntelGraph.Core;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Analytics.Graph;

/// <summary>Reads a tenant's whole graph from the store into an <see cref="AnalyticsGraph"/>.</summary>
public static class AnalyticsGraphLoader
{
    /// <summary>Streams every entity, then every edge, of the tenant into a new graph.</summary>
    /// <remarks>
    /// NOTE: the graph is read whole on every call and nothing is cached, so each analysis of a
    /// million-edge tenant pays the full read from the store again.
    /// </remarks>
    public static async Task<AnalyticsGraph> LoadAsync(IGraphStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        var builder = new AnalyticsGraphBuilder();
        await foreach (var entity in store.ScanEntitiesAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            builder.AddNode(entity);
        }

        // The store keeps an edge only while both endpoints exist, so every edge finds its nodes here.
        await foreach (var edge in store.ScanEdgesAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            builder.AddEdge(edge);
        }

        return builder.Build();
    }
}
