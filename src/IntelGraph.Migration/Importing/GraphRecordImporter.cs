using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Migration.Importing;

/// <summary>Decides where each exported entity and edge goes.</summary>
internal sealed class GraphRecordImporter(IGraphStore graph, QuarantineWriter quarantine)
{
    /// <summary>
    /// Imports a run of entities: the store inserts the new ones in one call, and only those it rejected are looked
    /// up, to tell this record seen again from a duplicate or a conflict.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportEntitiesAsync(TenantId tenant, IReadOnlyList<ImportRecord<GraphEntity>> run, CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[run.Count];
        var candidates = await quarantine.QuarantineUnparsableAsync(tenant, SourceTables.Entities, run, outcomes, cancellationToken);

        var inserted = await graph.TryInsertEntitiesAsync(
            tenant, [.. candidates.Select(i => new Stored<GraphEntity>(run[i].Value!, run[i].Location))], cancellationToken);
        for (var k = 0; k < candidates.Count; k++)
        {
            var record = run[candidates[k]];
            var entity = record.Value!;
            outcomes[candidates[k]] = inserted[k]
                ? ImportOutcome.Imported
                : await quarantine.CompareWithStoredAsync(
                    tenant,
                    SourceTables.Entities,
                    entity.Id,
                    record,
                    await graph.FindEntityAsync(tenant, entity.Id, cancellationToken)
                        ?? throw new StoreException($"Entity '{entity.Id}' was neither stored nor found in tenant '{tenant}'."),
                    cancellationToken);
        }

        return outcomes;
    }

    /// <summary>Imports a run of edges as <see cref="ImportEntitiesAsync"/> does entities; an edge the store rejected is a repeat, a duplicate, a conflict or one with a missing endpoint.</summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportEdgesAsync(TenantId tenant, IReadOnlyList<ImportRecord<GraphEdge>> run, CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[run.Count];
        var candidates = await quarantine.QuarantineUnparsableAsync(tenant, SourceTables.Edges, run, outcomes, cancellationToken);

        var inserted = await graph.TryInsertEdgesAsync(
            tenant, [.. candidates.Select(i => new Stored<GraphEdge>(run[i].Value!, run[i].Location))], cancellationToken);
        for (var k = 0; k < candidates.Count; k++)
        {
            var record = run[candidates[k]];
            outcomes[candidates[k]] = inserted[k] ? ImportOutcome.Imported : await ClassifyRejectedEdgeAsync(tenant, record, record.Value!, cancellationToken);
        }

        return outcomes;
    }

    public async Task<ImportOutcome> ImportEdgeAsync(TenantId tenant, ImportRecord<GraphEdge> record, CancellationToken cancellationToken)
    {
        if (record.Value is not { } edge)
        {
            return await quarantine.UnparsableAsync(tenant, SourceTables.Edges, record, cancellationToken);
        }

        // Most edges are new, so the insert comes first. The store rejects an edge whose id exists or whose
        // endpoint is missing, and only then are the stored edge and the endpoints looked up to find out which.
        try
        {
            await graph.InsertEdgeAsync(tenant, edge, record.Location, cancellationToken);
            return ImportOutcome.Imported;
        }
        catch (StoreException)
        {
            return await ClassifyRejectedEdgeAsync(tenant, record, edge, cancellationToken);
        }
    }

    private async Task<ImportOutcome> ClassifyRejectedEdgeAsync(TenantId tenant, ImportRecord<GraphEdge> record, GraphEdge edge, CancellationToken cancellationToken)
    {
        if (await graph.FindEdgeAsync(tenant, edge.Id, cancellationToken) is { } stored)
        {
            return await quarantine.CompareWithStoredAsync(tenant, SourceTables.Edges, edge.Id, record, stored, cancellationToken);
        }

        var missing = await FindMissingEndpointsAsync(tenant, edge, cancellationToken);
        if (missing.Count == 0)
        {
            throw new StoreException($"The store of tenant '{tenant}' rejected edge '{edge.Id}' although its id is free and both endpoints exist.");
        }

        var detail = $"Edge '{edge.Id}' refers to {string.Join(" and ", missing)}, which no imported entity has; it is imported when a later delta brings the entity.";
        var json = JsonSerializer.Serialize(edge, MigrationJson.Default.GraphEdge);
        return await quarantine.QuarantineAsync(tenant, SourceTables.Edges, edge.Id, record, QuarantineReasons.MissingEndpoint, detail, json, cancellationToken);
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
