using System.Text.Json.Serialization;
using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// What a correct import of a generated export does with every record, part by part, so tests can
/// hold an importer to it. It assumes the importer reads parts in order, and within a part reads
/// entities before edges, cases before tasks and reports, and <c>claims.json</c> top to bottom, so the
/// first occurrence of a claim id is the one imported.
/// </summary>
/// <param name="Parts">The base export first, then each delta in order.</param>
public sealed record PilotExportManifest(string Tenant, int Seed, IReadOnlyList<ExpectedPartAccounting> Parts)
{
    /// <summary>The base export's accounting: <c>Parts[0]</c>, left out of JSON so it is not written twice.</summary>
    [JsonIgnore]
    public ExpectedPartAccounting Base => Parts[0];
}

/// <summary>The expected outcome of importing one part of an export.</summary>
/// <param name="Name"><see cref="BaseName"/> for the base export, else the delta's folder relative to the export's root, such as <c>deltas/0001</c>.</param>
/// <param name="Tables">One entry per source table, in the order of <see cref="SourceTables.All"/>.</param>
/// <param name="Quarantined">Every record of this part that the import must set aside, in file order per table.</param>
public sealed record ExpectedPartAccounting(
    string Name,
    IReadOnlyList<ExpectedTableAccounting> Tables,
    IReadOnlyList<ExpectedQuarantine> Quarantined)
{
    public const string BaseName = "base";

    /// <summary>Returns the accounting of one table, named as in <see cref="SourceTables"/>.</summary>
    public ExpectedTableAccounting Table(string table) =>
        Tables.FirstOrDefault(t => t.Table == table)
        ?? throw new ArgumentException($"Unknown source table '{table}'. Use one of: {string.Join(", ", SourceTables.All)}.", nameof(table));
}

/// <summary>
/// The expected outcome of importing one table of one part. Every record written lands in exactly
/// one of <see cref="Imported"/>, <see cref="Duplicates"/>, <see cref="Updated"/> or the quarantine,
/// so <see cref="Accounted"/> equals <see cref="Written"/>.
/// </summary>
/// <param name="Written">Records in the part's file: JSON array elements or CSV rows after the header.</param>
/// <param name="Imported">Records stored as new.</param>
/// <param name="Duplicates">Exact copies of a claim served earlier in the same file, merged into it.</param>
/// <param name="Updated">Tasks of earlier parts whose state this part changes, with a later <c>updated_at</c>.</param>
/// <param name="QuarantinedByReason">Records set aside, per reason code of <see cref="QuarantineReasons"/>; every code is present.</param>
/// <param name="Resolved">Records of earlier parts, quarantined as <see cref="QuarantineReasons.MissingEndpoint"/>, whose missing entity this part brings.</param>
public sealed record ExpectedTableAccounting(
    string Table,
    long Written,
    long Imported,
    long Duplicates,
    long Updated,
    IReadOnlyDictionary<string, long> QuarantinedByReason,
    long Resolved)
{
    public long Quarantined => QuarantinedByReason.Values.Sum();

    public long Accounted => Imported + Duplicates + Updated + Quarantined;
}

/// <summary>One record that the import must set aside.</summary>
/// <param name="Reason">One of <see cref="QuarantineReasons"/>.</param>
/// <param name="Location">The file relative to the export's root and the 1-based line the record starts on.</param>
/// <param name="RecordId">The record's id, or null when the record has none (a <c>claims.json</c> element without an id).</param>
/// <param name="ResolvedBy">The name of the delta that brings the missing entity (<c>deltas/0002</c>), or null if none does.</param>
public sealed record ExpectedQuarantine(string Table, string Reason, SourceLocation Location, string? RecordId, string? ResolvedBy);
