using System.Text;
using System.Text.Json;
using IntelGraph.Graph;
using IntelGraph.Ledger.Canonical;

namespace IntelGraph.Stix.Tests;

public sealed class IcsBundleImportTests(IcsImportFixture fixture) : IClassFixture<IcsImportFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Report_accounts_for_every_object()
    {
        var report = fixture.Report;

        Assert.Equal(fixture.Objects.Count, report.ObjectCount);
        Assert.Equal(report.ObjectCount, report.Accounted);
        Assert.Empty(report.Rejected);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal("2.0", report.SpecVersion);
        Assert.Equal("bundle--3a9ade1d-5f58-4050-9d66-13dc9d4e17e3", report.BundleId);
    }

    [Fact]
    public void Report_skips_metadata_and_producer()
    {
        var expectedEntityIds = BundleFacts.ExpectedEntities(fixture.Objects).Select(BundleFacts.Id).ToHashSet();
        var expectedSkipped = fixture.Objects
            .Where(o => BundleFacts.Type(o) != "relationship" && !expectedEntityIds.Contains(BundleFacts.Id(o)))
            .Select(o => (BundleFacts.Id(o), BundleFacts.Type(o)))
            .Order()
            .ToList();

        var skipped = fixture.Report.Skipped.Select(s => (s.Id!, s.Type!)).Order().ToList();

        Assert.Equal(expectedSkipped, skipped);
        Assert.Contains(fixture.Report.Skipped, s => s.Type == "identity" && s.Reason == StixSkipReasons.BundleProducer);
        Assert.Contains(fixture.Report.Skipped, s => s.Type == "marking-definition" && s.Reason == StixSkipReasons.Metadata);
        Assert.Contains(fixture.Report.Skipped, s => s.Type == "x-mitre-matrix" && s.Reason == StixSkipReasons.Metadata);
    }

    [Fact]
    public async Task Import_stores_every_entity()
    {
        var expected = BundleFacts.ExpectedEntities(fixture.Objects);
        var graph = fixture.Database.Stores.Graph;

        Assert.Equal(expected.Count, fixture.Report.EntitiesImported);
        Assert.Equal(expected.Count, await graph.CountEntitiesAsync(IcsImportFixture.Tenant, Token));
        foreach (var stixObject in expected)
        {
            var id = BundleFacts.Id(stixObject);
            var stored = await graph.FindEntityAsync(IcsImportFixture.Tenant, id, Token);

            Assert.NotNull(stored);
            Assert.Equal(BundleFacts.OptionalString(stixObject, "name") ?? id, stored.Value.Label);
            Assert.Equal(BundleFacts.Type(stixObject), stored.Value.Type);
            Assert.Equal(stixObject.GetProperty("created").GetString(), stored.Value.CreatedAt);
            Assert.Null(stored.Value.Country);
        }
    }

    [Fact]
    public async Task Entities_match_pilot_export()
    {
        var pilotEntities = BundleFacts.PilotEntities();
        var graph = fixture.Database.Stores.Graph;

        // The pilot's countries were entered by analysts and are not in the bundle, so they are not compared.
        Assert.Equal(pilotEntities.Count, await graph.CountEntitiesAsync(IcsImportFixture.Tenant, Token));
        foreach (var (id, label, type, createdAt) in pilotEntities)
        {
            var stored = await graph.FindEntityAsync(IcsImportFixture.Tenant, id, Token);

            Assert.NotNull(stored);
            Assert.Equal(label, stored.Value.Label);
            Assert.Equal(type, stored.Value.Type);
            Assert.Equal(createdAt, stored.Value.CreatedAt);
        }
    }

    [Fact]
    public async Task Import_stores_every_relationship_as_edge()
    {
        var relationships = BundleFacts.Relationships(fixture.Objects);
        var graph = fixture.Database.Stores.Graph;

        Assert.Equal(relationships.Count, fixture.Report.RelationshipsImported);
        Assert.Equal(relationships.Count, await graph.CountEdgesAsync(IcsImportFixture.Tenant, Token));
        Assert.Equal(relationships.Count, await fixture.Database.Stores.Ledger.CountAsync(IcsImportFixture.Tenant, Token));
        foreach (var relationship in relationships)
        {
            var expected = new GraphEdge(
                BundleFacts.Id(relationship),
                relationship.GetProperty("source_ref").GetString()!,
                relationship.GetProperty("target_ref").GetString()!,
                relationship.GetProperty("relationship_type").GetString()!,
                relationship.GetProperty("created").GetString()!);

            var stored = await graph.FindEdgeAsync(IcsImportFixture.Tenant, expected.Id, Token);

            Assert.NotNull(stored);
            Assert.Equal(expected, stored.Value);
        }
    }

    [Fact]
    public async Task Sandworm_uses_public_facing_exploit()
    {
        var sandworm = Assert.Single(fixture.Objects, o => BundleFacts.OptionalString(o, "name") == "Sandworm Team");
        var technique = Assert.Single(fixture.Objects, o => BundleFacts.Type(o) == "attack-pattern" && BundleFacts.OptionalString(o, "name") == "Exploit Public-Facing Application");
        var graph = fixture.Database.Stores.Graph;

        var found = await graph.SearchEntitiesAsync(IcsImportFixture.Tenant, "Sandworm Team", 10, Token);
        var group = Assert.Single(found);
        var edges = await graph.FindIncidentEdgesAsync(IcsImportFixture.Tenant, group.Id, 1000, Token);

        Assert.Equal(BundleFacts.Id(sandworm), group.Id);
        Assert.Equal("intrusion-set", group.Type);
        Assert.Contains(edges, e => e.Source == group.Id && e.Target == BundleFacts.Id(technique) && e.Type == "uses");
    }

    [Fact]
    public async Task Claims_carry_external_references_as_sources()
    {
        var relationships = BundleFacts.Relationships(fixture.Objects);
        var claimIds = relationships.Select(r => "clm-" + BundleFacts.Id(r)["relationship--".Length..]).ToList();

        var claims = await fixture.Database.Stores.Ledger.GetClaimsAsync(IcsImportFixture.Tenant, claimIds, Token);

        Assert.Equal(relationships.Count, claims.Count);
        Assert.Contains(relationships, r => r.TryGetProperty("external_references", out _));
        for (var i = 0; i < relationships.Count; i++)
        {
            using var body = JsonDocument.Parse(claims[claimIds[i]].Body);
            var sources = body.RootElement.GetProperty("sources").EnumerateArray().ToList();
            var references = relationships[i].TryGetProperty("external_references", out var array) ? array.EnumerateArray().ToList() : [];

            Assert.Equal(references.Count, sources.Count);
            for (var j = 0; j < references.Count; j++)
            {
                Assert.Equal(references[j].GetProperty("source_name").GetString(), sources[j].GetProperty("name").GetString());
                Assert.Equal(BundleFacts.OptionalString(references[j], "url"), BundleFacts.OptionalString(sources[j], "url"));
                Assert.Equal(BundleFacts.OptionalString(references[j], "description"), BundleFacts.OptionalString(sources[j], "citation"));
            }
        }
    }

    [Fact]
    public async Task Claim_digests_match_pilot_export()
    {
        var pilotClaims = BundleFacts.PilotClaims();
        var ledger = fixture.Database.Stores.Ledger;

        // The pilot exported one claim per relationship of the bundle, so every claim is compared.
        Assert.Equal(BundleFacts.Relationships(fixture.Objects).Count, pilotClaims.Count);
        foreach (var pilotClaim in pilotClaims)
        {
            var id = pilotClaim.GetProperty("id").GetString()!;
            var stored = await ledger.FindDigestAsync(IcsImportFixture.Tenant, id, Token);

            Assert.NotNull(stored);
            Assert.Equal(pilotClaim.GetProperty("hash").GetString(), stored.Value);
        }
    }

    [Fact]
    public async Task Claim_bodies_equal_pilot_claims()
    {
        var pilotClaims = BundleFacts.PilotClaims();
        var claimIds = pilotClaims.Select(c => c.GetProperty("id").GetString()!).ToList();

        var claims = await fixture.Database.Stores.Ledger.GetClaimsAsync(IcsImportFixture.Tenant, claimIds, Token);

        foreach (var pilotClaim in pilotClaims)
        {
            var claim = claims[pilotClaim.GetProperty("id").GetString()!];
            using var body = JsonDocument.Parse(claim.Body);

            Assert.True(JsonElement.DeepEquals(pilotClaim, body.RootElement), $"Claim '{claim.Id}' differs from the pilot's: {Encoding.UTF8.GetString(claim.Body.Span)}");
            Assert.Equal(
                pilotClaim.EnumerateObject().Select(member => member.Name),
                body.RootElement.EnumerateObject().Select(member => member.Name));
            Assert.Equal(claim.Digest, ClaimDigest.Compute(claim.Body.Span));
            Assert.Equal(claim.Digest, body.RootElement.GetProperty("hash").GetString());
        }
    }
}
