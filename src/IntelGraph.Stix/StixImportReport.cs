using IntelGraph.Core;

namespace IntelGraph.Stix;

/// <summary>
/// Where the objects of one STIX bundle went. Each element of the bundle's <c>objects</c> array is
/// counted in exactly one place, so <see cref="Accounted"/> equals <see cref="ObjectCount"/>.
/// </summary>
/// <param name="BundleId">The bundle's <c>id</c> member, or null when it has none.</param>
/// <param name="SpecVersion">
/// The bundle's <c>spec_version</c> member: "2.0" for STIX 2.0 bundles, null for STIX 2.1 bundles,
/// whose objects carry the version themselves.
/// </param>
/// <param name="ObjectCount">The number of elements in the bundle's <c>objects</c> array.</param>
/// <param name="EntitiesImported">Domain objects stored as new graph entities.</param>
/// <param name="EntityDuplicates">Domain objects the tenant already held with the same fields.</param>
/// <param name="RelationshipsImported">Relationships stored as a new graph edge and ledger claim.</param>
/// <param name="RelationshipDuplicates">Relationships whose edge and claim the tenant already held unchanged.</param>
/// <param name="Skipped">Objects left out on purpose because they describe the bundle rather than the world; see <see cref="StixSkipReasons"/>.</param>
/// <param name="Rejected">Objects that could not be imported; see <see cref="StixRejectReasons"/>.</param>
public sealed record StixImportReport(
    string? BundleId,
    string? SpecVersion,
    int ObjectCount,
    int EntitiesImported,
    int EntityDuplicates,
    int RelationshipsImported,
    int RelationshipDuplicates,
    IReadOnlyList<StixUnimportedObject> Skipped,
    IReadOnlyList<StixUnimportedObject> Rejected)
{
    /// <summary>Objects stored by this import.</summary>
    public int Imported => EntitiesImported + RelationshipsImported;

    /// <summary>Objects the tenant already held unchanged, so this import wrote nothing for them.</summary>
    public int Duplicates => EntityDuplicates + RelationshipDuplicates;

    /// <summary>The number of objects with a recorded outcome; equal to <see cref="ObjectCount"/> after every import.</summary>
    public int Accounted => Imported + Duplicates + Skipped.Count + Rejected.Count;
}

/// <summary>A bundle object that was skipped or rejected, with the place it starts in the bundle file.</summary>
/// <param name="Id">The object's <c>id</c>, or null when it has none.</param>
/// <param name="Type">The object's <c>type</c>, or null when it has none.</param>
/// <param name="Reason">A stable code from <see cref="StixSkipReasons"/> or <see cref="StixRejectReasons"/>.</param>
/// <param name="Detail">What exactly is wrong or why the object was left out, in one or two sentences.</param>
/// <param name="Location">The bundle's file name and the 1-based line on which the object starts.</param>
public sealed record StixUnimportedObject(string? Id, string? Type, string Reason, string Detail, SourceLocation Location);

/// <summary>Why an object was rejected. The codes are stable: scripts and reports match on them.</summary>
public static class StixRejectReasons
{
    /// <summary>
    /// An object that cannot be read: not a JSON object, no <c>id</c> or <c>type</c>, a required
    /// property missing or of the wrong JSON type, or text that is not I-JSON.
    /// </summary>
    public const string Unparsable = "unparsable";

    /// <summary>A relationship whose <c>source_ref</c> or <c>target_ref</c> is neither imported from the bundle nor stored in the tenant.</summary>
    public const string MissingEndpoint = "missing-endpoint";

    /// <summary>An object whose id appears earlier in the bundle or is already stored, with different content.</summary>
    public const string ConflictingDuplicate = "conflicting-duplicate";

    /// <summary>An object of a STIX type that this import does not map, such as a sighting or a cyber-observable object.</summary>
    public const string UnsupportedType = "unsupported-type";

    /// <summary>An object whose <c>spec_version</c> is neither "2.0" nor "2.1".</summary>
    public const string UnsupportedSpecVersion = "unsupported-spec-version";
}

/// <summary>Why an object was skipped. The codes are stable: scripts and reports match on them.</summary>
public static class StixSkipReasons
{
    /// <summary>
    /// A STIX meta object (marking definition, language content, extension definition) or an ATT&amp;CK
    /// object that only describes the release (<c>x-mitre-matrix</c>, <c>x-mitre-collection</c>).
    /// </summary>
    public const string Metadata = "metadata";

    /// <summary>
    /// The identity that other objects of the bundle name as their <c>created_by_ref</c> and that no
    /// relationship of the bundle uses as an endpoint: the bundle's producer, not a subject of it.
    /// </summary>
    public const string BundleProducer = "bundle-producer";
}
