using IntelGraph.Core;

namespace IntelGraph.Migration;

/// <summary>
/// A source record that was set aside instead of imported, kept whole with the place it came from
/// so that a person can fix it and run the migration again.
/// </summary>
/// <param name="Table">The source table: one of <see cref="SourceTables"/>.</param>
/// <param name="RecordId">The record's id, or null when it could not be read.</param>
/// <param name="Reason">One of <see cref="QuarantineReasons"/>.</param>
/// <param name="Detail">What exactly is wrong, in one sentence.</param>
/// <param name="RawText">The record's text exactly as it is in the source file.</param>
/// <param name="RecordJson">The parsed record as JSON for reasons a later delta can resolve (<see cref="QuarantineReasons.MissingEndpoint"/>, <see cref="QuarantineReasons.MissingCase"/>); null otherwise.</param>
/// <param name="ResolvedAt">When a later delta supplied what was missing and the record was imported; null while it is still set aside.</param>
public sealed record QuarantinedRecord(
    TenantId Tenant,
    string Table,
    string? RecordId,
    string Reason,
    string Detail,
    SourceLocation Location,
    string RawText,
    DateTimeOffset QuarantinedAt,
    string? RecordJson = null,
    DateTimeOffset? ResolvedAt = null)
{
    /// <summary>
    /// The record's bytes exactly as they are in the source file, when the reader kept them; they may
    /// include bytes that are not valid UTF-8, which <see cref="RawText"/> shows as U+FFFD.
    /// </summary>
    public byte[]? RawBytes { get; init; }
}

/// <summary>Why a record was quarantined. The codes are stable: scripts and reports match on them.</summary>
public static class QuarantineReasons
{
    /// <summary>A claim whose stated hash differs from the digest of its content: it was edited after it was hashed.</summary>
    public const string HashMismatch = "hash-mismatch";

    /// <summary>A record whose id is already stored with different content.</summary>
    public const string ConflictingDuplicate = "conflicting-duplicate";

    /// <summary>An edge whose source or target entity is not (yet) stored. It is imported when a later delta brings the entity.</summary>
    public const string MissingEndpoint = "missing-endpoint";

    /// <summary>A task or report whose case is not (yet) stored. It is imported when a later delta brings the case.</summary>
    public const string MissingCase = "missing-case";

    /// <summary>A record that cannot be read: malformed JSON or CSV, a missing required field, a wrong type.</summary>
    public const string Unparsable = "unparsable";
}

/// <summary>The source tables of a legacy export, named as reconciliation reports name them.</summary>
public static class SourceTables
{
    public const string Claims = "claims";
    public const string Entities = "entities";
    public const string Edges = "edges";
    public const string Cases = "cases";
    public const string Tasks = "tasks";
    public const string Reports = "reports";

    public static IReadOnlyList<string> All { get; } = [Claims, Entities, Edges, Cases, Tasks, Reports];
}
