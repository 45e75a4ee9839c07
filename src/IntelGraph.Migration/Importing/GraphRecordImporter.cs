using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Migration.Importing;

/// <summary>Decides where each exported entity and edge goes.</summary>
internal sealed class GraphRecordImporter(IGraphStore graph, QuarantineWriter quarantine)
{
    public Task<ImportOutcome> ImportEntityAsync(TenantId tenant, ImportRecord<GraphEntity> record, CancellationToken cancellationToken) =>
        quarantine.ImportStandaloneAsync(
            tenant,
            SourceTables.Entities,
            record,
            entity => entity.Id,
            id => graph.FindEntityAsync(tenant, id, cancellationToken),
            entity => graph.InsertEntityAsync(tenant, entity, record.Location, cancellationToken),
            cancellationToken);

    public async Task<ImportOutcome> ImportEdgeAsync(TenantId tenant, ImportRecord<GraphEdge> record, CancellationToken cancellationToken)
    {
        if (record.Value is not { } edge)
        {
            return await quarantine.UnparsableAsync(tenant, SourceTables.Edges, record, cancellationToken);
        }

        var stored = await graph.FindEdgeAsync(tenant, edge.Id, cancellationToken);
        if (stored is not null)
        {
            return await quarantine.CompareWithStoredAsync(tenant, SourceTables.Edges, edge.Id, record, stored, cancellationToken);
        }

        // The store rejects an edge whose endpoint is missing, so the endpoints are only looked up when the
        // insert fails. The edge id was found free above, which leaves a missing endpoint as the usual cause.
        try
        {
            await graph.InsertEdgeAsync(tenant, edge, record.Location, cancellationToken);
            return ImportOutcome.Imported;
        }
        catch (StoreException)
        {
            var missing = await FindMissingEndpointsAsync(tenant, edge, cancellationToken);
            if (missing.Count == 0)
            {
                throw;
            }

            var detail = $"Edge '{edge.Id}' refers to {string.Join(" and ", missing)}, which no imported entity has; it is imported when a later delta brings the entity.";
            var json = JsonSerializer.Serialize(edge, MigrationJson.Default.GraphEdge);
            return await quarantine.QuarantineAsync(tenant, SourceTables.Edges, edge.Id, record, QuarantineReasons.MissingEndpoint, detail, json, cancellationToken);
        }
    }

    private async Task<List<string>> FindMissingEndpointsAsync(TenantId tenant, GraphEdge edge, CancellationToken cancellationToken)
    {
        var missing = new List<string>(2);
        if (await graph.FindEntityAsync(tenant, edge.Source, cancellationToken) is null)
        {
            missing.Add($"source '{edge.Source}'");
        }

        if (await graph.FindEntityAsync(tenant, edge.Target, cancellationToken) is null)
        {
            missing.Add($"target '{edge.Target}'");
        }

        return missing;
    }
}
