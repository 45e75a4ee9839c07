using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Stix;

/// <summary>The state of one import of one bundle: outcome counts and what the passes learn about the bundle.</summary>
internal sealed class StixImportRun(TenantId tenant, string bundleFile)
{
    private readonly List<StixUnimportedObject> _skipped = [];
    private readonly List<StixUnimportedObject> _rejected = [];
    private readonly Dictionary<string, ContentSeen> _contentById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unimportedReasonById = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _canonicalBuffer = new();

    public TenantId Tenant { get; } = tenant;

    public int EntitiesImported { get; set; }

    public int EntityDuplicates { get; set; }

    public int RelationshipsImported { get; set; }

    public int RelationshipDuplicates { get; set; }

    /// <summary>Identity ids that some object of the bundle names as its <c>created_by_ref</c>.</summary>
    public HashSet<string> CreatorIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Identity ids that some relationship of the bundle uses as its source or target.</summary>
    public HashSet<string> IdentityEndpointIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Identities held back until the first pass has seen every <c>created_by_ref</c> and relationship.</summary>
    public List<(GraphEntity Entity, SourceLocation Location)> DeferredIdentities { get; } = [];

    public IReadOnlyList<StixUnimportedObject> Rejected => _rejected;

    public SourceLocation LocationOf(StixBundleElement element) => new(bundleFile, element.Line);

    public void Skip(StixObjectClass objectClass, SourceLocation location) =>
        Skip(objectClass.Id, objectClass.Type, objectClass.Reason!, objectClass.Detail!, location);

    public void Skip(string? id, string? type, string reason, string detail, SourceLocation location)
    {
        _skipped.Add(new StixUnimportedObject(id, type, reason, detail, location));
        RememberUnimported(id, $"skipped at {location} ({reason})");
    }

    public StixUnimportedObject Reject(string? id, string? type, string reason, string detail, SourceLocation location)
    {
        var rejected = new StixUnimportedObject(id, type, reason, detail, location);
        _rejected.Add(rejected);
        RememberUnimported(id, $"rejected at {location} ({reason})");
        return rejected;
    }

    /// <summary>Returns why an object with this id was skipped or rejected earlier in this import, or null when none was.</summary>
    public string? UnimportedReasonOf(string id) => _unimportedReasonById.GetValueOrDefault(id);

    /// <summary>
    /// Records the content of an object and returns where the bundle contains the same id with different
    /// content earlier, or null when this is the first occurrence or an identical repeat.
    /// </summary>
    /// <remarks>
    /// The store keeps only the fields of an entity, so comparing with it cannot tell two versions of a
    /// domain object apart when they differ in, say, the description. Comparing the SHA-256 of each
    /// object's RFC 8785 canonical form can, and white space or member order do not matter to it.
    /// Only the first 16 bytes of each hash are kept. That is half the space of the full hash, and two
    /// different objects still match by accident with negligible probability (128 bits).
    /// </remarks>
    public SourceLocation? FindConflictingOccurrence(string id, JsonElement stixObject, SourceLocation location)
    {
        var fingerprint = Fingerprint(stixObject);
        if (_contentById.TryGetValue(id, out var seen))
        {
            return seen.Fingerprint == fingerprint ? null : seen.Location;
        }

        _contentById.Add(id, new ContentSeen(fingerprint, location));
        return null;
    }

    public StixImportReport CreateReport(StixBundleEnvelope envelope) =>
        new(
            envelope.Id,
            envelope.SpecVersion,
            envelope.ObjectCount,
            EntitiesImported,
            EntityDuplicates,
            RelationshipsImported,
            RelationshipDuplicates,
            _skipped.ToArray(),
            _rejected.ToArray());

    private void RememberUnimported(string? id, string reason)
    {
        if (id is not null)
        {
            _unimportedReasonById.TryAdd(id, reason);
        }
    }

    private UInt128 Fingerprint(JsonElement stixObject)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(stixObject);
        ReadOnlySpan<byte> content;
        try
        {
            _canonicalBuffer.ResetWrittenCount();
            JsonCanonicalizer.Canonicalize(raw, _canonicalBuffer);
            content = _canonicalBuffer.WrittenSpan;
        }
        catch (InvalidInputException)
        {
            // Text that is not I-JSON (a duplicate member name, say) has no canonical form; its raw
            // bytes still tell repeats apart, only less forgivingly.
            content = raw;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private readonly record struct ContentSeen(UInt128 Fingerprint, SourceLocation Location);
}
