using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Stix;

/// <summary>
/// Imports a STIX 2.0 or 2.1 bundle into a tenant: domain objects become graph entities, and each
/// relationship becomes a graph edge plus a ledger claim in the legacy pilot's claim format.
/// </summary>
/// <remarks>
/// The file is read three times: once to check that it is a complete bundle, once for the entities and
/// once for the relationships, so the order of objects inside the bundle does not matter. Writes commit
/// in transactions of about <see cref="BatchSize"/> records. When an import fails part way, the
/// batches committed before the failure stay, and running the same import again stores the rest and
/// counts the stored objects as duplicates.
/// </remarks>
public sealed class StixBundleImporter
{
    /// <summary>The default number of records (entities, edges and claims) written per transaction.</summary>
    public const int DefaultBatchSize = 2000;

    private readonly IGraphStore _graph;
    private readonly ILedgerStore _ledger;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ILogger<StixBundleImporter> _logger;

    public StixBundleImporter(IGraphStore graph, ILedgerStore ledger, IUnitOfWork unitOfWork, ILogger<StixBundleImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(logger);

        _graph = graph;
        _ledger = ledger;
        _unitOfWork = unitOfWork;
        _logger = logger;
    }

    /// <summary>The number of records written per transaction; <see cref="DefaultBatchSize"/> unless set.</summary>
    public int BatchSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = DefaultBatchSize;

    /// <summary>The initial size in bytes of the file read buffer; tests set it small to cross buffer boundaries often.</summary>
    internal int ReadBufferSize { get; init; } = StixBundleReader.DefaultBufferSize;

    /// <summary>
    /// Imports every object of the bundle at <paramref name="bundlePath"/> into <paramref name="tenant"/>
    /// and returns where each object went.
    /// </summary>
    /// <exception cref="InvalidInputException">
    /// The file does not exist, is not valid JSON, is not a STIX 2.0 or 2.1 bundle, or changed during the import.
    /// Nothing is written when the first check fails.
    /// </exception>
    /// <exception cref="StoreException">A store rejected a write, for example because another writer stored the same id meanwhile.</exception>
    public async Task<StixImportReport> ImportAsync(TenantId tenant, string bundlePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        if (tenant.Value is null)
        {
            throw new ArgumentException("The tenant is the default value, which names no tenant; create one with TenantId.Parse.", nameof(tenant));
        }

        var envelope = await StixBundleReader.ReadEnvelopeAsync(bundlePath, ReadBufferSize, cancellationToken).ConfigureAwait(false);
        var bundleFile = Path.GetFileName(bundlePath);
        Log.ImportStarted(_logger, envelope.Id, bundleFile, tenant.Value, envelope.ObjectCount);

        var run = new StixImportRun(tenant, bundleFile);
        var batch = new BatchedTransaction(_unitOfWork, BatchSize);
        await using (batch.ConfigureAwait(false))
        {
            await ReadPassAsync(bundlePath, envelope, element => ImportEntityAsync(run, batch, element, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            await ImportDeferredIdentitiesAsync(run, batch, cancellationToken).ConfigureAwait(false);

            await ReadPassAsync(bundlePath, envelope, element => ImportRelationshipAsync(run, batch, element, cancellationToken), cancellationToken)
                .ConfigureAwait(false);

            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var report = run.CreateReport(envelope);
        Log.ImportCompleted(
            _logger,
            envelope.Id,
            tenant.Value,
            report.EntitiesImported,
            report.RelationshipsImported,
            report.Duplicates,
            report.Skipped.Count,
            report.Rejected.Count);
        return report;
    }

    private async Task ReadPassAsync(
        string bundlePath,
        StixBundleEnvelope envelope,
        Func<StixBundleElement, Task> importElementAsync,
        CancellationToken cancellationToken)
    {
        var reader = StixBundleReader.OpenForObjects(bundlePath, ReadBufferSize);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } element)
            {
                using (element)
                {
                    await importElementAsync(element).ConfigureAwait(false);
                }
            }

            if (reader.ElementCount != envelope.ObjectCount)
            {
                throw new InvalidInputException(
                    $"The file '{bundlePath}' changed during the import: it held {envelope.ObjectCount} objects when checked and {reader.ElementCount} when read again. Import it again once it is no longer being written.");
            }
        }
    }

    /// <summary>First pass: stores domain objects as entities and sets aside what no pass will import.</summary>
    private async Task ImportEntityAsync(StixImportRun run, BatchedTransaction batch, StixBundleElement element, CancellationToken cancellationToken)
    {
        var location = run.LocationOf(element);
        if (element.Document is null)
        {
            Reject(run, null, null, StixRejectReasons.Unparsable, $"The element is {StixBundleReader.DescribeToken(element.TokenType)}, not a JSON object.", location);
            return;
        }

        var stixObject = element.Document.RootElement;
        var objectClass = StixObjectMapper.Classify(stixObject);
        CollectIdentityReferences(run, stixObject, objectClass);

        switch (objectClass.Kind)
        {
            case StixObjectKind.Rejected:
                Reject(run, objectClass.Id, objectClass.Type, objectClass.Reason!, objectClass.Detail!, location);
                return;
            case StixObjectKind.Skipped:
                run.Skip(objectClass, location);
                return;
            case StixObjectKind.Relationship:
                // The second pass imports it, once every entity of the bundle is stored.
                return;
        }

        GraphEntity entity;
        IReadOnlyList<string> aliases;
        try
        {
            entity = StixObjectMapper.ToEntity(stixObject, objectClass.Id!, objectClass.Type!);
            aliases = StixObjectMapper.ReadAliases(stixObject, entity.Label);
        }
        catch (UnparsableStixObjectException ex)
        {
            Reject(run, objectClass.Id, objectClass.Type, StixRejectReasons.Unparsable, ex.Message, location);
            return;
        }

        if (run.FindConflictingOccurrence(entity.Id, stixObject, location) is { } earlier)
        {
            Reject(run, entity.Id, entity.Type, StixRejectReasons.ConflictingDuplicate, ConflictWithEarlierDetail(entity.Id, earlier), location);
            return;
        }

        // Whether an identity is the bundle's producer is known only once every object has been read.
        if (entity.Type == StixObjectMapper.IdentityType)
        {
            run.DeferredIdentities.Add((entity, location));
            return;
        }

        await StoreEntityAsync(run, batch, entity, aliases, location, cancellationToken).ConfigureAwait(false);
    }

    private static void CollectIdentityReferences(StixImportRun run, JsonElement stixObject, StixObjectClass objectClass)
    {
        if (StixObjectMapper.TryGetString(stixObject, "created_by_ref") is { } creator
            && IsIdentityId(creator)
            && !string.Equals(creator, objectClass.Id, StringComparison.Ordinal))
        {
            run.CreatorIds.Add(creator);
        }

        if (objectClass.Kind != StixObjectKind.Relationship)
        {
            return;
        }

        foreach (var name in (ReadOnlySpan<string>)["source_ref", "target_ref"])
        {
            if (StixObjectMapper.TryGetString(stixObject, name) is { } endpoint && IsIdentityId(endpoint))
            {
                run.IdentityEndpointIds.Add(endpoint);
            }
        }
    }

    private static bool IsIdentityId(string id) => id.StartsWith(StixObjectMapper.IdentityType + "--", StringComparison.Ordinal);

    /// <summary>
    /// Stores the identities held back by the first pass, except the bundle's producer: an identity that
    /// other objects name as <c>created_by_ref</c> and that no relationship points to.
    /// </summary>
    /// <remarks>
    /// The legacy pilot export left out the MITRE identity of ATT&amp;CK for ICS for this reason. An
    /// identity that a relationship targets (a victim organisation, say) is intelligence and is stored.
    /// </remarks>
    private async Task ImportDeferredIdentitiesAsync(StixImportRun run, BatchedTransaction batch, CancellationToken cancellationToken)
    {
        foreach (var (identity, location) in run.DeferredIdentities)
        {
            if (run.CreatorIds.Contains(identity.Id) && !run.IdentityEndpointIds.Contains(identity.Id))
            {
                run.Skip(
                    identity.Id,
                    identity.Type,
                    StixSkipReasons.BundleProducer,
                    "Other objects of the bundle name this identity as their creator (created_by_ref) and no relationship points to it, so it describes who produced the bundle.",
                    location);
                continue;
            }

            // STIX identities have no aliases property.
            await StoreEntityAsync(run, batch, identity, [], location, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StoreEntityAsync(
        StixImportRun run,
        BatchedTransaction batch,
        GraphEntity entity,
        IReadOnlyList<string> aliases,
        SourceLocation location,
        CancellationToken cancellationToken)
    {
        await batch.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);

        var stored = await _graph.FindEntityAsync(run.Tenant, entity.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            await _graph.InsertEntityAsync(run.Tenant, entity, location, cancellationToken).ConfigureAwait(false);
            await AddAliasesAsync(run, entity, aliases, cancellationToken).ConfigureAwait(false);
            run.EntitiesImported++;
            await batch.AddWrittenAsync(1, cancellationToken).ConfigureAwait(false);
            return;
        }

        var differences = StoredRecordComparison.DescribeDifferences(stored.Value, entity);
        if (differences.Count == 0)
        {
            // An entity stored by an import that predates aliases, or by the pilot migration, gets them now.
            await AddAliasesAsync(run, entity, aliases, cancellationToken).ConfigureAwait(false);
            run.EntityDuplicates++;
            return;
        }

        Reject(
            run,
            entity.Id,
            entity.Type,
            StixRejectReasons.ConflictingDuplicate,
            $"Tenant '{run.Tenant}' already has entity '{entity.Id}' (from {DescribeOrigin(stored.Origin)}) with different fields: {string.Join("; ", differences)}.",
            location);
    }

    private async Task AddAliasesAsync(StixImportRun run, GraphEntity entity, IReadOnlyList<string> aliases, CancellationToken cancellationToken)
    {
        if (aliases.Count > 0)
        {
            await _graph.AddEntityAliasesAsync(run.Tenant, entity.Id, aliases, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Second pass: stores each relationship as an edge and a claim.</summary>
    private async Task ImportRelationshipAsync(StixImportRun run, BatchedTransaction batch, StixBundleElement element, CancellationToken cancellationToken)
    {
        if (element.Document is null)
        {
            return;
        }

        // The first pass has set aside every object that is not a relationship and is not imported.
        var stixObject = element.Document.RootElement;
        var objectClass = StixObjectMapper.Classify(stixObject);
        if (objectClass.Kind != StixObjectKind.Relationship)
        {
            return;
        }

        var location = run.LocationOf(element);
        StixRelationship relationship;
        Claim claim;
        try
        {
            relationship = StixObjectMapper.ToRelationship(stixObject, objectClass.Id!);
            claim = RelationshipClaimWriter.Create(relationship);
        }
        catch (Exception ex) when (ex is UnparsableStixObjectException or InvalidInputException)
        {
            // InvalidInputException comes from the claim digest when the claim is not I-JSON.
            Reject(run, objectClass.Id, objectClass.Type, StixRejectReasons.Unparsable, ex.Message, location);
            return;
        }

        if (run.FindConflictingOccurrence(relationship.Id, stixObject, location) is { } earlier)
        {
            Reject(run, relationship.Id, objectClass.Type, StixRejectReasons.ConflictingDuplicate, ConflictWithEarlierDetail(relationship.Id, earlier), location);
            return;
        }

        await StoreRelationshipAsync(run, batch, relationship, claim, location, cancellationToken).ConfigureAwait(false);
    }

    private async Task StoreRelationshipAsync(
        StixImportRun run,
        BatchedTransaction batch,
        StixRelationship relationship,
        Claim claim,
        SourceLocation location,
        CancellationToken cancellationToken)
    {
        await batch.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);

        var edge = relationship.ToEdge();
        var storedEdge = await _graph.FindEdgeAsync(run.Tenant, edge.Id, cancellationToken).ConfigureAwait(false);
        var storedDigest = await _ledger.FindDigestAsync(run.Tenant, claim.Id, cancellationToken).ConfigureAwait(false);

        var conflicts = new List<string>(2);
        if (storedEdge is not null && StoredRecordComparison.DescribeDifferences(storedEdge.Value, edge) is { Count: > 0 } edgeDifferences)
        {
            conflicts.Add($"edge '{edge.Id}' (from {DescribeOrigin(storedEdge.Origin)}) has different fields: {string.Join("; ", edgeDifferences)}");
        }

        if (storedDigest is not null && !string.Equals(storedDigest.Value, claim.Digest, StringComparison.Ordinal))
        {
            conflicts.Add($"claim '{claim.Id}' (from {DescribeOrigin(storedDigest.Origin)}) has digest {storedDigest.Value}, but the claim built from this relationship has {claim.Digest}");
        }

        if (conflicts.Count > 0)
        {
            Reject(run, relationship.Id, StixObjectMapper.RelationshipType, StixRejectReasons.ConflictingDuplicate, $"Tenant '{run.Tenant}' already has this relationship with different content: {string.Join("; ", conflicts)}.", location);
            return;
        }

        if (storedEdge is not null && storedDigest is not null)
        {
            run.RelationshipDuplicates++;
            return;
        }

        if (storedEdge is null)
        {
            var missing = await DescribeMissingEndpointsAsync(run, edge, cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0)
            {
                Reject(
                    run,
                    relationship.Id,
                    StixObjectMapper.RelationshipType,
                    StixRejectReasons.MissingEndpoint,
                    $"{string.Join(" ", missing)} Import the missing object, then import this bundle again: objects already stored count as duplicates.",
                    location);
                return;
            }

            await _graph.InsertEdgeAsync(run.Tenant, edge, location, cancellationToken).ConfigureAwait(false);
        }

        // This importer stores an edge and its claim in one transaction, so finding only one of them
        // means another writer stored it. The missing half is added to complete the pair.
        if (storedDigest is null)
        {
            await _ledger.AppendAsync(run.Tenant, claim, location, cancellationToken).ConfigureAwait(false);
        }

        run.RelationshipsImported++;
        await batch.AddWrittenAsync(2, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<string>> DescribeMissingEndpointsAsync(StixImportRun run, GraphEdge edge, CancellationToken cancellationToken)
    {
        var missing = new List<string>(2);
        foreach (var (role, entityId) in new[] { ("source_ref", edge.Source), ("target_ref", edge.Target) })
        {
            if (await _graph.FindEntityAsync(run.Tenant, entityId, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var reason = run.UnimportedReasonOf(entityId);
            missing.Add(reason is null
                ? $"Its {role} '{entityId}' is neither an object of the bundle nor an entity of tenant '{run.Tenant}'."
                : $"Its {role} '{entityId}' is in the bundle but was {reason}.");
        }

        return missing;
    }

    private void Reject(StixImportRun run, string? id, string? type, string reason, string detail, SourceLocation location)
    {
        run.Reject(id, type, reason, detail, location);
        Log.ObjectRejected(_logger, id, type, location.ToString(), run.Tenant.Value, reason);
    }

    private static string ConflictWithEarlierDetail(string id, SourceLocation earlier) =>
        $"The bundle also contains '{id}' at {earlier}, with different content. Only one version of an object can be stored, so keep the version you want and import the bundle again.";

    private static string DescribeOrigin(SourceLocation? origin) => origin?.ToString() ?? "a write without a source file";
}
