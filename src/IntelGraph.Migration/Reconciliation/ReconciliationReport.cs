using System.Text.Json.Serialization;

namespace IntelGraph.Migration.Reconciliation;

/// <summary>
/// The comparison of a tenant's store with its export: per source table, where every record is now,
/// the records still in quarantine, and each manifest's root recomputed from the stored claims.
/// </summary>
public sealed record ReconciliationReport(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("parts")] IReadOnlyList<string> Parts,
    [property: JsonPropertyName("tables")] IReadOnlyDictionary<string, TableReconciliation> Tables,
    [property: JsonPropertyName("quarantine")] IReadOnlyList<QuarantineSummary> Quarantine,
    [property: JsonPropertyName("manifests")] IReadOnlyList<ManifestReconciliation> Manifests,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);

/// <summary>Where the records of one source table are, summed over every applied export part.</summary>
/// <param name="Source">Records in the export files.</param>
/// <param name="Declared">Records the parts' export.json files declare, when they declare them.</param>
/// <param name="Imported">Records the store contains from exactly this source record, or in a newer version (tasks).</param>
/// <param name="Duplicates">Records identical to one the store contains from another source record.</param>
/// <param name="Quarantined">Records in the quarantine with a reason.</param>
/// <param name="Missing">Records found nowhere: data loss or a store changed behind the migration's back.</param>
public sealed record TableReconciliation(
    [property: JsonPropertyName("source")] long Source,
    [property: JsonPropertyName("declared")] long? Declared,
    [property: JsonPropertyName("imported")] long Imported,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("quarantined")] long Quarantined,
    [property: JsonPropertyName("missing")] long Missing);

public sealed record QuarantineSummary(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] long Line);

/// <summary>A manifest as stored, and whether its root still follows from the ledger's claims.</summary>
/// <param name="RootHash">The root recomputed from the stored claim bodies.</param>
/// <param name="SealedRootHash">The root the manifest was sealed and signed with.</param>
/// <param name="Matches">True when the recomputed root equals the stored one and every leaf's digest equals its claim's.</param>
public sealed record ManifestReconciliation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("treeSize")] int TreeSize,
    [property: JsonPropertyName("rootHash")] string RootHash,
    [property: JsonPropertyName("sealedRootHash")] string SealedRootHash,
    [property: JsonPropertyName("matches")] bool Matches);
