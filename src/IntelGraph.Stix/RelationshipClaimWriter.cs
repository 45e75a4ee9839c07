using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Stix;

/// <summary>
/// Writes the ledger claim of a STIX relationship in the form the legacy pilot stack exported, so that
/// a relationship imported from a bundle and the same relationship migrated from the pilot have the
/// same claim id and digest.
/// </summary>
/// <remarks>
/// The members, in order: <c>id</c> ("clm-" and the relationship's UUID), <c>edgeId</c>, <c>subject</c>
/// (source_ref), <c>predicate</c> (relationship_type), <c>object</c> (target_ref), <c>statement</c>
/// (description, or "" when absent), <c>sources</c> (the external references as name, url and
/// citation), <c>status</c>, <c>createdAt</c>, <c>modifiedAt</c> and <c>hash</c>. The digest covers
/// every member but <c>hash</c>, so member order and escaping only shape the stored body.
/// </remarks>
internal static class RelationshipClaimWriter
{
    public const string ClaimIdPrefix = "clm-";

    // The stored body is never embedded in HTML, so characters such as '&', '<' and 'é' are written
    // as they are instead of as \uXXXX escapes.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns the claim id of a relationship: "clm-" followed by the part of its id after "relationship--".</summary>
    public static string ClaimIdOf(string relationshipId)
    {
        var separator = relationshipId.IndexOf("--", StringComparison.Ordinal);
        return ClaimIdPrefix + relationshipId[(separator + 2)..];
    }

    /// <summary>Builds the claim of a relationship, with its digest computed over the body without <c>hash</c>.</summary>
    /// <exception cref="IntelGraph.Core.InvalidInputException">A property contains text that is not I-JSON, such as a lone surrogate.</exception>
    public static Claim Create(StixRelationship relationship)
    {
        var claimId = ClaimIdOf(relationship.Id);

        var withoutHash = Write(relationship, claimId, hash: null);
        var digest = ClaimDigest.Compute(withoutHash.WrittenSpan);
        var body = Write(relationship, claimId, digest);

        return new Claim(claimId, digest, body.WrittenMemory.ToArray());
    }

    private static ArrayBufferWriter<byte> Write(StixRelationship relationship, string claimId, string? hash)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, _writerOptions);

        writer.WriteStartObject();
        writer.WriteString("id", claimId);
        writer.WriteString("edgeId", relationship.Id);
        writer.WriteString("subject", relationship.SourceRef);
        writer.WriteString("predicate", relationship.RelationshipType);
        writer.WriteString("object", relationship.TargetRef);
        writer.WriteString("statement", relationship.Description);

        writer.WriteStartArray("sources");
        foreach (var reference in relationship.ExternalReferences)
        {
            WriteSource(writer, reference);
        }

        writer.WriteEndArray();

        writer.WriteString("status", StatusOf(relationship));
        writer.WriteString("createdAt", relationship.Created);
        writer.WriteString("modifiedAt", relationship.Modified);
        if (hash is not null)
        {
            writer.WriteString("hash", hash);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    private static void WriteSource(Utf8JsonWriter writer, StixExternalReference reference)
    {
        writer.WriteStartObject();
        writer.WriteString("name", reference.SourceName);

        // NOTE: every external reference on an ATT&CK for ICS relationship has both url and description,
        // so the pilot export shows no case without them. Leaving the member out is a guess, and a pilot
        // claim written another way would get a different digest.
        if (reference.Url is not null)
        {
            writer.WriteString("url", reference.Url);
        }

        if (reference.Description is not null)
        {
            writer.WriteString("citation", reference.Description);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Returns "revoked" for a revoked relationship, "deprecated" for one ATT&amp;CK marks deprecated,
    /// and "active" otherwise.
    /// </summary>
    /// <remarks>
    /// NOTE: every relationship of the pilot export is "active", and none of them is revoked or deprecated
    /// in the bundle. The pilot's status for those two cases is therefore unknown, and these two values are a guess.
    /// </remarks>
    private static string StatusOf(StixRelationship relationship)
    {
        if (relationship.Revoked)
        {
            return "revoked";
        }

        return relationship.Deprecated ? "deprecated" : "active";
    }
}
