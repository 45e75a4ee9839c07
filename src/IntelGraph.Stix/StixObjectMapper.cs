using System.Collections.Frozen;
using System.Text.Json;
using IntelGraph.Graph;

namespace IntelGraph.Stix;

/// <summary>What the import does with one bundle object.</summary>
internal enum StixObjectKind
{
    /// <summary>A domain object (or custom object) that becomes a graph entity.</summary>
    Entity,

    /// <summary>A relationship that becomes a graph edge and a ledger claim.</summary>
    Relationship,

    /// <summary>An object left out on purpose; the reason is a <see cref="StixSkipReasons"/> code.</summary>
    Skipped,

    /// <summary>An object that cannot be imported; the reason is a <see cref="StixRejectReasons"/> code.</summary>
    Rejected,
}

/// <summary>The outcome of <see cref="StixObjectMapper.Classify"/>: the kind, and the reason when the object is skipped or rejected.</summary>
internal sealed record StixObjectClass(StixObjectKind Kind, string? Id, string? Type, string? Reason = null, string? Detail = null);

/// <summary>A relationship object with the properties its edge and its claim need.</summary>
internal sealed record StixRelationship(
    string Id,
    string RelationshipType,
    string SourceRef,
    string TargetRef,
    string Description,
    IReadOnlyList<StixExternalReference> ExternalReferences,
    bool Revoked,
    bool Deprecated,
    string Created,
    string Modified)
{
    public GraphEdge ToEdge() => new(Id, SourceRef, TargetRef, RelationshipType, Created);
}

/// <summary>The members of a STIX external reference that a claim's sources keep.</summary>
internal sealed record StixExternalReference(string SourceName, string? Url, string? Description);

/// <summary>A required property of a bundle object is missing or has the wrong JSON type.</summary>
internal sealed class UnparsableStixObjectException(string message) : Exception(message);

/// <summary>Decides what each bundle object becomes and reads the properties the graph and the ledger need.</summary>
internal static class StixObjectMapper
{
    public const string RelationshipType = "relationship";
    public const string IdentityType = "identity";

    // Objects that describe the bundle or other objects rather than the world. The legacy pilot export
    // of ATT&CK for ICS left out the bundle's marking definition, producer identity and x-mitre-matrix.
    // It kept every other non-relationship object, revoked and deprecated ones included. The importer
    // decides about identities, because an identity can also be a relationship's target. The STIX 2.1
    // meta objects and ATT&CK's x-mitre-collection (a table of contents of a release) are left out too.
    private static readonly FrozenDictionary<string, string> _metadataTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["marking-definition"] = "A marking definition states handling or copyright terms for other objects; it is not an intelligence object.",
        ["language-content"] = "Language content contains translations of other objects' properties; it is not an intelligence object.",
        ["extension-definition"] = "An extension definition describes the schema of custom properties; it is not an intelligence object.",
        ["x-mitre-matrix"] = "An ATT&CK matrix only orders tactics for display; the tactics are imported as entities of their own.",
        ["x-mitre-collection"] = "An ATT&CK collection lists the objects of a release; those objects are imported on their own.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // STIX 2.1 cyber-observable objects have no "created" timestamp, which every graph entity needs.
    private static readonly FrozenSet<string> _cyberObservableTypes = new[]
    {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
        "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
        "user-account", "windows-registry-key", "x509-certificate",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsSupportedSpecVersion(string specVersion) => specVersion is "2.0" or "2.1";

    /// <summary>Classifies one bundle object by its <c>id</c>, <c>type</c> and <c>spec_version</c>.</summary>
    public static StixObjectClass Classify(JsonElement stixObject)
    {
        var type = TryGetString(stixObject, "type");
        var id = TryGetString(stixObject, "id");
        if (string.IsNullOrEmpty(type))
        {
            return Reject(id, type, StixRejectReasons.Unparsable, "The object has no \"type\" string.");
        }

        if (string.IsNullOrEmpty(id))
        {
            return Reject(id, type, StixRejectReasons.Unparsable, "The object has no \"id\" string.");
        }

        // STIX ids have the form "<type>--<UUID>"; checking the prefix catches objects whose id and type disagree.
        if (id.Length <= type.Length + 2 || !id.StartsWith(type, StringComparison.Ordinal) || !id.AsSpan(type.Length).StartsWith("--", StringComparison.Ordinal))
        {
            return Reject(id, type, StixRejectReasons.Unparsable, $"The id '{id}' does not have the form '{type}--<UUID>' that STIX requires.");
        }

        if (stixObject.TryGetProperty("spec_version", out var specVersion)
            && (GetStringOrNull(specVersion) is not { } version || !IsSupportedSpecVersion(version)))
        {
            return Reject(id, type, StixRejectReasons.UnsupportedSpecVersion, $"The object's spec_version is {specVersion.GetRawText()}; only \"2.0\" and \"2.1\" can be imported.");
        }

        if (_metadataTypes.TryGetValue(type, out var skipDetail))
        {
            return new StixObjectClass(StixObjectKind.Skipped, id, type, StixSkipReasons.Metadata, skipDetail);
        }

        if (type == RelationshipType)
        {
            return new StixObjectClass(StixObjectKind.Relationship, id, type);
        }

        if (type == "sighting")
        {
            return Reject(id, type, StixRejectReasons.UnsupportedType, "Sightings are not imported: only relationship objects become edges, and a sighting has no single source and target.");
        }

        if (_cyberObservableTypes.Contains(type))
        {
            return Reject(id, type, StixRejectReasons.UnsupportedType, $"Cyber-observable objects such as '{type}' are not imported: they have no \"created\" timestamp, which every entity needs.");
        }

        return new StixObjectClass(StixObjectKind.Entity, id, type);
    }

    /// <summary>Maps a domain object to a graph entity.</summary>
    /// <exception cref="UnparsableStixObjectException">A property the entity needs is missing or has the wrong type.</exception>
    public static GraphEntity ToEntity(JsonElement stixObject, string id, string type)
    {
        var created = GetRequiredString(stixObject, "created");
        var name = GetOptionalString(stixObject, "name");
        var label = string.IsNullOrWhiteSpace(name) ? id : name;

        return new GraphEntity(id, label, type, ReadCountry(stixObject), created);
    }

    /// <summary>
    /// Reads the alternative names of a domain object from <c>aliases</c> (intrusion sets, campaigns, threat
    /// actors) and <c>x_mitre_aliases</c> (ATT&amp;CK malware and tools), in the bundle's order without repeats.
    /// The entity's own label is left out, because ATT&amp;CK lists each object's name as its first alias.
    /// </summary>
    /// <exception cref="UnparsableStixObjectException">One of the properties is not an array of strings.</exception>
    public static IReadOnlyList<string> ReadAliases(JsonElement stixObject, string label)
    {
        var aliases = new List<string>();
        foreach (var name in (ReadOnlySpan<string>)["aliases", "x_mitre_aliases"])
        {
            if (!stixObject.TryGetProperty(name, out var array))
            {
                continue;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new UnparsableStixObjectException($"\"{name}\" is {Describe(array.ValueKind)}, not an array of strings.");
            }

            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var alias = GetStringOrNull(item)
                    ?? throw new UnparsableStixObjectException($"Item {index} of \"{name}\" is {Describe(item.ValueKind)}, not a string of valid UTF-16.");
                if (!string.IsNullOrWhiteSpace(alias) && !string.Equals(alias, label, StringComparison.Ordinal) && !aliases.Contains(alias, StringComparer.Ordinal))
                {
                    aliases.Add(alias);
                }

                index++;
            }
        }

        return aliases;
    }

    /// <summary>Reads the properties of a relationship object.</summary>
    /// <exception cref="UnparsableStixObjectException">A required property is missing or has the wrong type.</exception>
    public static StixRelationship ToRelationship(JsonElement stixObject, string id)
    {
        var relationshipType = GetRequiredString(stixObject, "relationship_type");
        var sourceRef = GetRequiredString(stixObject, "source_ref");
        var targetRef = GetRequiredString(stixObject, "target_ref");
        var created = GetRequiredString(stixObject, "created");

        // STIX requires "modified"; a producer that leaves it out has never revised the object.
        var modified = GetOptionalString(stixObject, "modified") ?? created;

        return new StixRelationship(
            id,
            relationshipType,
            sourceRef,
            targetRef,
            GetOptionalString(stixObject, "description") ?? "",
            ReadExternalReferences(stixObject),
            GetOptionalBoolean(stixObject, "revoked"),
            GetOptionalBoolean(stixObject, "x_mitre_deprecated"),
            created,
            modified);
    }

    /// <summary>
    /// Returns the string value of <paramref name="name"/>, or null when the property is absent, is not
    /// a string or contains text that is not valid UTF-16.
    /// </summary>
    public static string? TryGetString(JsonElement stixObject, string name) =>
        stixObject.TryGetProperty(name, out var value) ? GetStringOrNull(value) : null;

    private static StixObjectClass Reject(string? id, string? type, string reason, string detail) =>
        new(StixObjectKind.Rejected, id, type, reason, detail);

    /// <summary>
    /// Reads the STIX 2.1 <c>country</c> property (of location objects) as an ISO 3166-1 alpha-2 code.
    /// A value of another form, such as a country name, gives null rather than a code the graph would misread.
    /// </summary>
    private static string? ReadCountry(JsonElement stixObject)
    {
        var country = GetOptionalString(stixObject, "country");
        if (country is not { Length: 2 } || !char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1]))
        {
            return null;
        }

        return country.ToUpperInvariant();
    }

    private static List<StixExternalReference> ReadExternalReferences(JsonElement stixObject)
    {
        var references = new List<StixExternalReference>();
        if (!stixObject.TryGetProperty("external_references", out var array))
        {
            return references;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new UnparsableStixObjectException($"\"external_references\" is {Describe(array.ValueKind)}, not an array.");
        }

        var index = 0;
        foreach (var reference in array.EnumerateArray())
        {
            if (reference.ValueKind != JsonValueKind.Object)
            {
                throw new UnparsableStixObjectException($"External reference {index} is {Describe(reference.ValueKind)}, not an object.");
            }

            var sourceName = GetOptionalString(reference, "source_name");
            if (string.IsNullOrEmpty(sourceName))
            {
                throw new UnparsableStixObjectException($"External reference {index} has no \"source_name\" string, which STIX requires.");
            }

            references.Add(new StixExternalReference(sourceName, GetOptionalString(reference, "url"), GetOptionalString(reference, "description")));
            index++;
        }

        return references;
    }

    private static string GetRequiredString(JsonElement stixObject, string name)
    {
        var value = GetOptionalString(stixObject, name);
        if (string.IsNullOrEmpty(value))
        {
            throw new UnparsableStixObjectException($"The object has no \"{name}\" string, which it needs to be imported.");
        }

        return value;
    }

    private static string? GetOptionalString(JsonElement stixObject, string name)
    {
        if (!stixObject.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new UnparsableStixObjectException($"\"{name}\" is {Describe(value.ValueKind)}, not a string.");
        }

        return GetStringOrNull(value)
            ?? throw new UnparsableStixObjectException($"\"{name}\" contains text that is not valid UTF-16, such as an escaped lone surrogate.");
    }

    private static string? GetStringOrNull(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // GetString throws this for a string that cannot be converted to UTF-16.
            return null;
        }
    }

    private static bool GetOptionalBoolean(JsonElement stixObject, string name)
    {
        if (!stixObject.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new UnparsableStixObjectException($"\"{name}\" is {Describe(value.ValueKind)}, not a boolean."),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
