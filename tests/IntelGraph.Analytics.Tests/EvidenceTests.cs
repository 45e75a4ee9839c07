using System.Text.Json;
using IntelGraph.Analytics.Explanations;
using IntelGraph.Analytics.Graph;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Testing;

namespace IntelGraph.Analytics.Tests;

/// <summary>
/// The ledger lookups behind explanations, on the imported ATT&amp;CK for ICS bundle and on the store under
/// test: claims by edge id, where each claim is sealed, and the proofs built from them.
/// </summary>
public sealed class EvidenceTests(IcsGraphFixture fixture) : IClassFixture<IcsGraphFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private (string Id, string Source, string Type, string Target) SandwormUse() =>
        fixture.Relationships().Where(r => r.Source == fixture.IdOf("intrusion-set", "Sandworm Team") && r.Type == "uses").OrderBy(r => r.Id, StringComparer.Ordinal).First();

    [Fact]
    public async Task Ledger_finds_claims_by_edge()
    {
        var relationship = SandwormUse();

        var found = await fixture.Stores.Ledger.FindClaimsByEdgeAsync(IcsGraphFixture.Tenant, [relationship.Id, "relationship--missing"], Token);

        var claim = Assert.Single(found[relationship.Id]);
        Assert.Equal("clm-" + relationship.Id["relationship--".Length..], claim.Id);
        Assert.Equal(relationship.Id, ClaimEdgeIdOf(claim.Body));
        Assert.False(found.ContainsKey("relationship--missing"));
        Assert.Empty(await fixture.Stores.Ledger.FindClaimsByEdgeAsync(IcsGraphFixture.Tenant, [], Token));
    }

    [Fact]
    public async Task Ledger_lookup_keeps_tenants_apart()
    {
        var relationship = SandwormUse();

        var found = await fixture.Stores.Ledger.FindClaimsByEdgeAsync(Core.TenantId.Parse("other"), [relationship.Id], Token);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Manifest_store_finds_seals()
    {
        var manifest = fixture.Manifests[0];
        var leaves = new[] { 0, manifest.Leaves.Count - 1 };

        var seals = await fixture.Stores.Manifests.FindSealsAsync(IcsGraphFixture.Tenant, [.. leaves.Select(i => manifest.Leaves[i].ClaimId), "clm-missing"], Token);

        Assert.Equal(2, seals.Count);
        foreach (var leaf in leaves)
        {
            var seal = seals[manifest.Leaves[leaf].ClaimId];
            Assert.Equal(manifest.Id, seal.ManifestId);
            Assert.Equal(leaf, seal.LeafIndex);
        }
    }

    [Fact]
    public async Task Sqlite_edge_lookup_uses_index()
    {
        Assert.SkipWhen(TestStores.OnPostgres, "The query plan check reads SQLite's EXPLAIN QUERY PLAN.");

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.Stores.Location.Value};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE tenant = 'ics' AND json_extract(CAST(body AS TEXT), '$.edgeId') IN (SELECT value FROM json_each('[\"x\"]'));";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, line => line.Contains("claims_tenant_edge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postgres_edge_lookup_uses_index()
    {
        Assert.SkipUnless(TestStores.OnPostgres, "The query plan check reads PostgreSQL's EXPLAIN.");

        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(fixture.Stores.Location.Value) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Token);

        // A table this small would be scanned anyway, so sequential scans are priced out to show the index is usable.
        await using (var setting = new Npgsql.NpgsqlCommand("SET enable_seqscan = off;", connection))
        {
            await setting.ExecuteNonQueryAsync(Token);
        }

        await using var command = new Npgsql.NpgsqlCommand(
            "EXPLAIN SELECT id FROM claims WHERE tenant = 'ics' AND claim_edge_id(body) = ANY(ARRAY['x']);", connection);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("claims_tenant_edge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evidence_carries_statement_sources_and_proof()
    {
        var relationship = SandwormUse();
        var bundleObject = fixture.Objects[relationship.Id];
        var reader = new EdgeEvidenceReader(fixture.Stores.Ledger, fixture.Stores.Manifests);

        var evidence = await reader.ReadAsync(IcsGraphFixture.Tenant, [relationship.Id], Token);

        var claim = Assert.Single(evidence[relationship.Id]);
        Assert.Equal(bundleObject.TryGetProperty("description", out var description) ? description.GetString() : "", claim.Statement);
        Assert.Equal(relationship.Source, claim.Subject);
        Assert.Equal("uses", claim.Predicate);
        Assert.Equal(relationship.Target, claim.Object);
        Assert.Equal(bundleObject.GetProperty("external_references").GetArrayLength(), claim.Sources!.Value.GetArrayLength());

        var proof = claim.Proof!;
        var manifest = fixture.Manifests.Single(m => m.Id == proof.ManifestId);
        Assert.Equal(manifest.RootHash, proof.RootHash);
        Assert.Equal(claim.ClaimId, manifest.Leaves[proof.LeafIndex].ClaimId);
        Assert.True(proof.Verified);

        // Check the proof independently: the leaf hash from the claim's digest, and the path up to the manifest's root.
        Assert.True(ClaimDigest.TryParse(claim.Digest, out var digest));
        Assert.Equal(Convert.ToHexStringLower(MerkleTree.HashLeaf(digest)), proof.LeafHash);
        Assert.True(InclusionProof.Verify(
            MerkleTree.HashLeaf(digest), proof.LeafIndex, proof.TreeSize, [.. proof.AuditPath.Select(Convert.FromHexString)], Convert.FromHexString(manifest.RootHash)));
    }

    [Fact]
    public async Task Evidence_of_edge_without_claim_is_empty()
    {
        var reader = new EdgeEvidenceReader(fixture.Stores.Ledger, fixture.Stores.Manifests);

        var evidence = await reader.ReadAsync(IcsGraphFixture.Tenant, ["relationship--missing"], Token);

        Assert.Empty(evidence["relationship--missing"]);
    }

    [Fact]
    public async Task Explainer_covers_every_path_edge()
    {
        var analytics = new GraphAnalytics(fixture.Graph);
        var explainer = new AnalyticsExplainer(analytics, new EdgeEvidenceReader(fixture.Stores.Ledger, fixture.Stores.Manifests));
        var path = analytics.Path(fixture.IdOf("intrusion-set", "Sandworm Team"), fixture.IdOf("intrusion-set", "ALLANITE"), EdgeDirection.Any);

        var explained = await explainer.ExplainEdgesAsync(IcsGraphFixture.Tenant, path.Steps.Select(step => step.Edge), Token);

        Assert.Equal(path.Steps.Select(step => step.Edge.Id), explained.Select(edge => edge.Edge.Id));
        Assert.All(explained, edge => Assert.True(Assert.Single(edge.Claims).Proof!.Verified));
    }

    [Fact]
    public void PageRank_shares_add_up_to_score()
    {
        var graph = fixture.Graph;
        var sandworm = graph.Node(fixture.IdOf("intrusion-set", "Sandworm Team"));
        var technique = graph.EdgeTarget(graph.OutEdges(sandworm)[0]);

        var explanation = ScoreExplainer.PageRank(graph, technique, int.MaxValue);

        Assert.NotEmpty(explanation.Neighbours);
        Assert.Equal(explanation.Score, explanation.Baseline + explanation.Neighbours.Sum(n => n.Share), 6);
        Assert.Contains(explanation.Neighbours, n => n.Neighbour.Id == graph.NodeId(sandworm));
    }

    [Fact]
    public void Removing_a_use_drops_a_shared_technique()
    {
        var oilRig = fixture.IdOf("intrusion-set", "OilRig");
        var allanite = fixture.IdOf("intrusion-set", "ALLANITE");
        var validAccounts = fixture.IdOf("attack-pattern", "Valid Accounts");
        var edge = fixture.Relationships().Single(r => r.Source == oilRig && r.Target == validAccounts && r.Type == "uses").Id;

        var counterfactual = Counterfactuals.Patterns(new GraphAnalytics(fixture.Graph), edge, PatternKind.SharedTechniques, 1000, 1);

        Assert.Equal(edge, counterfactual.RemovedEdge.Id);
        var change = Assert.Single(counterfactual.Changes, c => new[] { c.First.Id, c.Second.Id }.Order().SequenceEqual(new[] { oilRig, allanite }.Order()));
        Assert.Equal(3, change.Before);
        Assert.Equal(2, change.After);
        Assert.All(counterfactual.Changes, c => Assert.Equal(c.Before - 1, c.After));
        Assert.All(counterfactual.Changes, c => Assert.Contains(oilRig, new[] { c.First.Id, c.Second.Id }));
    }

    private static string? ClaimEdgeIdOf(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("edgeId").GetString();
    }
}
