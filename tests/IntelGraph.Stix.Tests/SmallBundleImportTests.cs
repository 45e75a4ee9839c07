using System.Text;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Graph;
using static IntelGraph.Stix.Tests.TestBundles;

namespace IntelGraph.Stix.Tests;

public sealed class SmallBundleImportTests
{
    private static readonly TenantId Tenant = TenantId.Parse("small");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stix21_objects_with_spec_version_import()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var producer = Id("identity", 1);
        var actor = Id("threat-actor", 2);
        var victim = Id("identity", 3);
        var region = Id("location", 4);
        var bundle = Stix21(
            $$"""{"type": "identity", "spec_version": "2.1", "id": "{{producer}}", "created": "{{Created}}", "modified": "{{Modified}}", "name": "Example Feed", "identity_class": "organization"}""",
            $$"""{"type": "threat-actor", "spec_version": "2.1", "id": "{{actor}}", "created_by_ref": "{{producer}}", "created": "{{Created}}", "modified": "{{Modified}}", "name": "Grid Wolves"}""",
            $$"""{"type": "identity", "spec_version": "2.1", "id": "{{victim}}", "created_by_ref": "{{producer}}", "created": "{{Created}}", "modified": "{{Modified}}", "name": "Power Utility"}""",
            $$"""{"type": "location", "spec_version": "2.1", "id": "{{region}}", "created_by_ref": "{{producer}}", "created": "{{Created}}", "modified": "{{Modified}}", "name": "Kyiv region", "country": "ua"}""",
            Relationship(5, "targets", actor, victim, """, "spec_version": "2.1", "description": "Grid Wolves target the utility & its grid.", "external_references": [{"source_name": "Vendor blog"}]"""),
            Relationship(6, "located-at", actor, region, """, "spec_version": "2.1", "revoked": true"""));
        var path = database.WriteFile("stix21.json", bundle);

        // A one-record batch and an 8-byte read buffer cross every commit and buffer boundary there is.
        var report = await database.CreateImporter(batchSize: 1, readBufferSize: 8).ImportAsync(Tenant, path, Token);

        Assert.Null(report.SpecVersion);
        Assert.Equal(6, report.ObjectCount);
        Assert.Equal(3, report.EntitiesImported);
        Assert.Equal(2, report.RelationshipsImported);
        Assert.Empty(report.Rejected);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal(producer, skipped.Id);
        Assert.Equal(StixSkipReasons.BundleProducer, skipped.Reason);
        Assert.Equal(new SourceLocation("stix21.json", 2), skipped.Location);

        var location = await database.Stores.Graph.FindEntityAsync(Tenant, region, Token);
        Assert.Equal(new GraphEntity(region, "Kyiv region", "location", "UA", Created), location?.Value);
        Assert.Equal(new SourceLocation("stix21.json", 5), location?.Origin);
        Assert.NotNull(await database.Stores.Graph.FindEntityAsync(Tenant, victim, Token));
        Assert.Equal(
            new GraphEdge(Id("relationship", 5), actor, victim, "targets", Created),
            (await database.Stores.Graph.FindEdgeAsync(Tenant, Id("relationship", 5), Token))?.Value);

        var claims = await database.Stores.Ledger.GetClaimsAsync(Tenant, ["clm-00000000-0000-4000-8000-000000000005", "clm-00000000-0000-4000-8000-000000000006"], Token);
        var targets = Encoding.UTF8.GetString(claims["clm-00000000-0000-4000-8000-000000000005"].Body.Span);
        var locatedAt = Encoding.UTF8.GetString(claims["clm-00000000-0000-4000-8000-000000000006"].Body.Span);
        var digest = claims["clm-00000000-0000-4000-8000-000000000005"].Digest;
        Assert.Equal(
            $$"""{"id":"clm-00000000-0000-4000-8000-000000000005","edgeId":"{{Id("relationship", 5)}}","subject":"{{actor}}","predicate":"targets","object":"{{victim}}","statement":"Grid Wolves target the utility & its grid.","sources":[{"name":"Vendor blog"}],"status":"active","createdAt":"{{Created}}","modifiedAt":"{{Modified}}","hash":"{{digest}}"}""",
            targets);
        Assert.Contains("\"statement\":\"\",\"sources\":[],\"status\":\"revoked\"", locatedAt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relationship_with_missing_endpoint_is_rejected()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        var technique = Id("attack-pattern", 2);
        var malware = Id("malware", 3);
        var absent = Id("attack-pattern", 99);
        var path = database.WriteFile("missing.json", Stix20(
            Entity("intrusion-set", 1, "Group One"),
            Entity("attack-pattern", 2, "Technique Two"),
            $$"""{"type": "malware", "id": "{{malware}}", "name": "No Created Date"}""",
            Relationship(4, "uses", group, technique),
            Relationship(5, "uses", group, absent),
            Relationship(6, "uses", group, malware)));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(report.ObjectCount, report.Accounted);
        Assert.Equal(2, report.EntitiesImported);
        Assert.Equal(1, report.RelationshipsImported);
        Assert.Equal(3, report.Rejected.Count);

        var unparsable = Assert.Single(report.Rejected, r => r.Id == malware);
        Assert.Equal(StixRejectReasons.Unparsable, unparsable.Reason);
        Assert.Contains("\"created\"", unparsable.Detail, StringComparison.Ordinal);

        var neverPresent = Assert.Single(report.Rejected, r => r.Id == Id("relationship", 5));
        Assert.Equal(StixRejectReasons.MissingEndpoint, neverPresent.Reason);
        Assert.Equal("relationship", neverPresent.Type);
        Assert.Contains(absent, neverPresent.Detail, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("missing.json", 6), neverPresent.Location);

        var rejectedEndpoint = Assert.Single(report.Rejected, r => r.Id == Id("relationship", 6));
        Assert.Equal(StixRejectReasons.MissingEndpoint, rejectedEndpoint.Reason);
        Assert.Contains("was rejected at missing.json:4", rejectedEndpoint.Detail, StringComparison.Ordinal);

        Assert.Equal(1, await database.Stores.Graph.CountEdgesAsync(Tenant, Token));
        Assert.Equal(1, await database.Stores.Ledger.CountAsync(Tenant, Token));
        Assert.Null(await database.Stores.Ledger.FindDigestAsync(Tenant, "clm-00000000-0000-4000-8000-000000000005", Token));
    }

    [Fact]
    public async Task Endpoint_stored_earlier_satisfies_relationship()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        var technique = Id("attack-pattern", 2);
        var first = database.WriteFile("entities.json", Stix20(Entity("intrusion-set", 1, "Group One"), Entity("attack-pattern", 2, "Technique Two")));
        var second = database.WriteFile("relationships.json", Stix20(Relationship(3, "uses", group, technique)));

        await database.CreateImporter().ImportAsync(Tenant, first, Token);
        var report = await database.CreateImporter().ImportAsync(Tenant, second, Token);

        Assert.Equal(1, report.RelationshipsImported);
        Assert.Empty(report.Rejected);
    }

    [Fact]
    public async Task Relationships_before_entities_import()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        var technique = Id("attack-pattern", 2);
        var path = database.WriteFile("reversed.json", Stix20(
            Relationship(3, "uses", group, technique),
            Entity("attack-pattern", 2, "Technique Two"),
            Entity("intrusion-set", 1, "Group One")));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Empty(report.Rejected);
        Assert.Equal(2, report.EntitiesImported);
        Assert.Equal(1, report.RelationshipsImported);
    }

    [Fact]
    public async Task Objects_without_id_or_type_are_unparsable()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var path = database.WriteFile("unparsable.json", Stix20(
            $$"""{"type": "malware", "created": "{{Created}}", "name": "No Id"}""",
            $$"""{"id": "{{Id("malware", 2)}}", "created": "{{Created}}", "name": "No Type"}""",
            $$"""{"type": "malware", "id": "{{Id("tool", 3)}}", "created": "{{Created}}", "name": "Id Of Another Type"}""",
            $$"""{"type": "malware", "id": "{{Id("malware", 4)}}", "created": "{{Created}}", "name": 42}""",
            Relationship(5, "uses", Id("malware", 4), Id("malware", 4), """, "external_references": [{"url": "https://example.org"}]"""),
            "\"just a string\"",
            "[1, 2]",
            Entity("malware", 6, "Fine")));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(8, report.ObjectCount);
        Assert.Equal(report.ObjectCount, report.Accounted);
        Assert.Equal(1, report.EntitiesImported);
        Assert.Equal(7, report.Rejected.Count);
        Assert.All(report.Rejected, r => Assert.Equal(StixRejectReasons.Unparsable, r.Reason));
        Assert.Equal(new long[] { 2, 3, 4, 5, 6, 7, 8 }, report.Rejected.Select(r => r.Location.Line).Order());
        Assert.Contains(report.Rejected, r => r.Id is null && r.Type == "malware" && r.Detail.Contains("\"id\"", StringComparison.Ordinal));
        Assert.Contains(report.Rejected, r => r.Type is null && r.Detail.Contains("\"type\"", StringComparison.Ordinal));
        Assert.Contains(report.Rejected, r => r.Detail.Contains("source_name", StringComparison.Ordinal));
        Assert.Contains(report.Rejected, r => r.Id is null && r.Detail.Contains("a string, not a JSON object", StringComparison.Ordinal));
        Assert.Equal(1, await database.Stores.Graph.CountEntitiesAsync(Tenant, Token));
    }

    [Fact]
    public async Task Unsupported_objects_are_rejected_or_skipped()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var bundle = Stix21(
            $$"""{"type": "sighting", "spec_version": "2.1", "id": "{{Id("sighting", 1)}}", "created": "{{Created}}", "modified": "{{Modified}}", "sighting_of_ref": "{{Id("malware", 9)}}"}""",
            $$"""{"type": "ipv4-addr", "spec_version": "2.1", "id": "{{Id("ipv4-addr", 2)}}", "value": "198.51.100.3"}""",
            $$"""{"type": "malware", "spec_version": "3.0", "id": "{{Id("malware", 3)}}", "created": "{{Created}}", "name": "Future"}""",
            $$"""{"type": "marking-definition", "spec_version": "2.1", "id": "{{Id("marking-definition", 4)}}", "created": "{{Created}}", "definition_type": "statement", "definition": {"statement": "Copyright"} }""",
            $$"""{"type": "x-mitre-collection", "spec_version": "2.1", "id": "{{Id("x-mitre-collection", 5)}}", "created": "{{Created}}", "name": "Release"}""");

        // Some exports start with a UTF-8 byte order mark.
        var path = database.WriteFile("unsupported.json", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(bundle)]);

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(5, report.ObjectCount);
        Assert.Equal(report.ObjectCount, report.Accounted);
        Assert.Equal(0, report.Imported);
        Assert.Equal(StixRejectReasons.UnsupportedType, Assert.Single(report.Rejected, r => r.Type == "sighting").Reason);
        Assert.Equal(StixRejectReasons.UnsupportedType, Assert.Single(report.Rejected, r => r.Type == "ipv4-addr").Reason);
        Assert.Equal(StixRejectReasons.UnsupportedSpecVersion, Assert.Single(report.Rejected, r => r.Type == "malware").Reason);
        Assert.Equal(2, report.Skipped.Count);
        Assert.All(report.Skipped, s => Assert.Equal(StixSkipReasons.Metadata, s.Reason));
    }

    [Fact]
    public async Task Repeated_id_duplicates_or_conflicts()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var path = database.WriteFile("repeats.json", Stix20(
            Entity("malware", 1, "One"),
            Entity("malware", 1, "One"),
            Entity("malware", 1, "Renamed"),
            Entity("tool", 2, "Described", """, "description": "first" """),
            Entity("tool", 2, "Described", """, "description": "second" """)));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(2, report.EntitiesImported);
        Assert.Equal(1, report.EntityDuplicates);
        Assert.Equal(2, report.Rejected.Count);
        Assert.All(report.Rejected, r => Assert.Equal(StixRejectReasons.ConflictingDuplicate, r.Reason));
        Assert.Equal(new long[] { 4, 6 }, report.Rejected.Select(r => r.Location.Line).Order());
        Assert.Contains("repeats.json:2", report.Rejected[0].Detail, StringComparison.Ordinal);
        Assert.Equal("One", (await database.Stores.Graph.FindEntityAsync(Tenant, Id("malware", 1), Token))?.Value.Label);
    }

    [Fact]
    public async Task Changed_objects_conflict_with_stored()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        var technique = Id("attack-pattern", 2);
        var original = database.WriteFile("v1.json", Stix20(
            Entity("intrusion-set", 1, "Group One"),
            Entity("attack-pattern", 2, "Technique Two"),
            Relationship(3, "uses", group, technique, """, "description": "Original wording." """)));
        var changed = database.WriteFile("v2.json", Stix20(
            Entity("intrusion-set", 1, "Group One Renamed"),
            Entity("attack-pattern", 2, "Technique Two"),
            Relationship(3, "uses", group, technique, """, "description": "Edited wording." """)));

        await database.CreateImporter().ImportAsync(Tenant, original, Token);
        var digestBefore = await database.Stores.Ledger.FindDigestAsync(Tenant, "clm-00000000-0000-4000-8000-000000000003", Token);
        var report = await database.CreateImporter().ImportAsync(Tenant, changed, Token);

        Assert.Equal(0, report.Imported);
        Assert.Equal(1, report.EntityDuplicates);
        Assert.Equal(2, report.Rejected.Count);
        var entity = Assert.Single(report.Rejected, r => r.Id == group);
        Assert.Equal(StixRejectReasons.ConflictingDuplicate, entity.Reason);
        Assert.Contains("label is 'Group One Renamed' in the bundle and 'Group One' in the store", entity.Detail, StringComparison.Ordinal);
        var relationship = Assert.Single(report.Rejected, r => r.Id == Id("relationship", 3));
        Assert.Equal(StixRejectReasons.ConflictingDuplicate, relationship.Reason);
        Assert.Contains(digestBefore!.Value, relationship.Detail, StringComparison.Ordinal);
        Assert.Equal(digestBefore.Value, (await database.Stores.Ledger.FindDigestAsync(Tenant, "clm-00000000-0000-4000-8000-000000000003", Token))?.Value);
    }

    [Fact]
    public async Task Stored_country_is_no_conflict()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        await database.Stores.Graph.InsertEntityAsync(Tenant, new GraphEntity(group, "Group One", "intrusion-set", "RU", Created), null, Token);
        var path = database.WriteFile("country.json", Stix20(Entity("intrusion-set", 1, "Group One")));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(1, report.EntityDuplicates);
        Assert.Empty(report.Rejected);
        Assert.Equal("RU", (await database.Stores.Graph.FindEntityAsync(Tenant, group, Token))?.Value.Country);
    }

    [Fact]
    public async Task Entity_without_name_is_labelled_with_id()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var observed = Id("observed-data", 1);
        var path = database.WriteFile("unnamed.json", Stix20(
            $$"""{"type": "observed-data", "id": "{{observed}}", "created": "{{Created}}", "number_observed": 1}"""));

        await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(observed, (await database.Stores.Graph.FindEntityAsync(Tenant, observed, Token))?.Value.Label);
    }

    public static TheoryData<string, string> NotBundles => new()
    {
        { "single-object", $$"""{"type": "indicator", "id": "{{Id("indicator", 1)}}", "created": "{{Created}}"}""" },
        { "array", $"[{Entity("malware", 1, "One")}]" },
        { "text", "this is not JSON" },
        { "empty", "" },
        { "no-type", """{"id": "bundle--1", "objects": []}""" },
        { "objects-not-array", """{"type": "bundle", "objects": {"malware": 1}}""" },
        { "two-values", """{"type": "bundle", "objects": []} {}""" },
        { "spec-version-1", """{"type": "bundle", "spec_version": "1.2", "objects": []}""" },
        { "truncated", Stix20(Entity("malware", 1, "One"), Entity("malware", 2, "Two"))[..^10] },
    };

    [Theory]
    [MemberData(nameof(NotBundles))]
    public async Task Non_bundle_file_is_rejected(string name, string content)
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var path = database.WriteFile(name + ".json", content);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => database.CreateImporter().ImportAsync(Tenant, path, Token));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await database.Stores.Graph.CountEntitiesAsync(Tenant, Token));
    }

    [Fact]
    public async Task Missing_file_is_rejected()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var path = Path.Combine(Path.GetTempPath(), "intelgraph-stix-tests", "no-such-bundle.json");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => database.CreateImporter().ImportAsync(Tenant, path, Token));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_bundle_message_names_type()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var path = database.WriteFile("indicator.json", $$"""{"type": "indicator", "id": "{{Id("indicator", 1)}}"}""");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => database.CreateImporter().ImportAsync(Tenant, path, Token));

        Assert.Contains("is not a STIX bundle", error.Message, StringComparison.Ordinal);
        Assert.Contains("type 'indicator'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_body_is_compact_utf8()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        var technique = Id("attack-pattern", 2);
        var path = database.WriteFile("utf8.json", Stix20(
            Entity("intrusion-set", 1, "Group One"),
            Entity("attack-pattern", 2, "Technique Two"),
            Relationship(3, "uses", group, technique, """, "description": "Müller <b> \"quoted\" \u00e9" """)));

        await database.CreateImporter().ImportAsync(Tenant, path, Token);

        var claims = await database.Stores.Ledger.GetClaimsAsync(Tenant, ["clm-00000000-0000-4000-8000-000000000003"], Token);
        var body = Encoding.UTF8.GetString(claims["clm-00000000-0000-4000-8000-000000000003"].Body.Span);
        using var document = JsonDocument.Parse(body);
        Assert.Equal("Müller <b> \"quoted\" é", document.RootElement.GetProperty("statement").GetString());
        Assert.Contains("Müller <b>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", body, StringComparison.Ordinal);
    }
}
