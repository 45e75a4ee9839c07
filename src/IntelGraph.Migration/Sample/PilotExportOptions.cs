namespace IntelGraph.Migration.Sample;

/// <summary>What <see cref="PilotExportGenerator"/> writes: size, seed, deltas and the faults to inject.</summary>
public sealed record PilotExportOptions
{
    /// <summary>The tenant name written to every part's <c>export.json</c>.</summary>
    public string Tenant { get; init; } = "sample";

    /// <summary>The seed of the random stream. The same options give byte-identical files.</summary>
    /// <remarks>
    /// NOTE: byte identity is tested on one .NET runtime only. The files follow the sequence of
    /// <see cref="Random(int)"/>, so a runtime that changed that algorithm would change them.
    /// </remarks>
    public int Seed { get; init; }

    /// <summary>
    /// The claims of the base export, one per graph edge. Entities, cases, tasks and reports scale
    /// with it: about one entity per four claims, as in the pilot's own export.
    /// </summary>
    public int Claims { get; init; } = 1000;

    /// <summary>How many delta parts (<c>deltas/0001</c>, …) follow the base export.</summary>
    public int Deltas { get; init; }

    /// <summary>The new claims (and edges) in each delta.</summary>
    public int ClaimsPerDelta { get; init; } = 200;

    /// <summary>Writes <c>claims.json</c> with one-space indentation as the pilot did; false writes it compact.</summary>
    public bool Indented { get; init; } = true;

    /// <summary>
    /// The base export's time and watermark, when the old stack stopped taking writes. Base records
    /// are dated before it and each delta covers the <see cref="DeltaInterval"/> after the previous part.
    /// </summary>
    public DateTimeOffset WriteFreeze { get; init; } = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The time span of each delta's records. The last delta's watermark is open-ended, as in the pilot's export.</summary>
    public TimeSpan DeltaInterval { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The faults to inject; none by default.</summary>
    public PilotExportFaults Faults { get; init; } = PilotExportFaults.None;

    /// <summary>
    /// For each enabled record-level fault, the share of a part's records it affects: of the claims
    /// for claim and edge faults, of the entities or cases for theirs, and of an estimate of the tasks
    /// and reports (a tenth and an eighth of the claims) for theirs. A part where a fault can occur
    /// gets at least one. Must be between 0 and 0.1.
    /// </summary>
    public double FaultRate { get; init; } = 0.01;
}

/// <summary>The faults a generated export can contain, in any combination.</summary>
[Flags]
public enum PilotExportFaults
{
    None = 0,

    /// <summary>CSV files start with a UTF-8 byte order mark.</summary>
    ByteOrderMark = 1 << 0,

    /// <summary>CSV records end with CR LF instead of LF. Line breaks inside quoted fields stay LF.</summary>
    CrlfLineEnds = 1 << 1,

    /// <summary>Some labels, case titles, task summaries and report titles contain commas, double quotes or line breaks.</summary>
    MessyCsvFields = 1 << 2,

    /// <summary>Some claims appear twice in <c>claims.json</c> as exact copies; <c>claim_ids.txt</c> lists the id twice.</summary>
    DuplicateClaims = 1 << 3,

    /// <summary>Some claims were edited after they were hashed, so their <c>hash</c> no longer matches.</summary>
    EditedClaims = 1 << 4,

    /// <summary>
    /// Some claim ids appear a second time, later in the file, with different content and their own
    /// correct hash. The first occurrence is expected to be imported and the later one quarantined.
    /// </summary>
    ConflictingClaims = 1 << 5,

    /// <summary>Some edges have an endpoint entity that arrives only in a later delta.</summary>
    LateEndpoints = 1 << 6,

    /// <summary>Some edges have an endpoint entity that never arrives.</summary>
    MissingEndpoints = 1 << 7,

    /// <summary>Some tasks and reports refer to a case that no part of the export contains.</summary>
    MissingCases = 1 << 8,

    /// <summary>
    /// Some records cannot be read: CSV rows with a field missing or an invalid timestamp, and
    /// <c>claims.json</c> elements that are not objects or have no id.
    /// </summary>
    UnparsableRecords = 1 << 9,

    /// <summary>
    /// Some claims carry members IntelGraph does not know, with nested objects and numbers whose text
    /// differs from their canonical form (<c>1E+21</c>, <c>0.10</c>), which an import must keep verbatim.
    /// </summary>
    UnknownClaimMembers = 1 << 10,

    All = (1 << 11) - 1,
}
