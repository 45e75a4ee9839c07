using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Tests;

/// <summary>Every analysis on the imported ATT&amp;CK for ICS bundle, checked against what the bundle itself states.</summary>
public sealed class IcsAnalyticsTests(IcsGraphFixture fixture) : IClassFixture<IcsGraphFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private GraphAnalytics Analytics => new(fixture.Graph);

    private HashSet<(string, string, string)> BundleEdges() =>
        fixture.Relationships().Select(r => (r.Source, r.Type, r.Target)).ToHashSet();

    [Fact]
    public async Task Graph_holds_every_stored_record()
    {
        Assert.Equal(await fixture.Stores.Graph.CountEntitiesAsync(IcsGraphFixture.Tenant, Token), fixture.Graph.NodeCount);
        Assert.Equal(await fixture.Stores.Graph.CountEdgesAsync(IcsGraphFixture.Tenant, Token), fixture.Graph.EdgeCount);
        Assert.Equal(fixture.Relationships().Count(), fixture.Graph.EdgeCount);
    }

    [Fact]
    public void Graph_numbers_in_id_order()
    {
        var graph = fixture.Graph;

        var nodeIds = Enumerable.Range(0, graph.NodeCount).Select(graph.NodeId).ToList();
        var edgeIds = Enumerable.Range(0, graph.EdgeCount).Select(graph.EdgeId).ToList();

        Assert.Equal(nodeIds.Order(StringComparer.Ordinal), nodeIds);
        Assert.Equal(edgeIds.Order(StringComparer.Ordinal), edgeIds);
        Assert.All(fixture.Relationships(), r => Assert.Equal((r.Source, r.Target), (graph.NodeId(graph.EdgeSource(graph.FindEdge(r.Id))), graph.NodeId(graph.EdgeTarget(graph.FindEdge(r.Id))))));
    }

    [Fact]
    public void Sandworm_neighbourhood_lists_its_techniques()
    {
        var sandworm = fixture.IdOf("intrusion-set", "Sandworm Team");
        var expected = fixture.Relationships()
            .Where(r => r.Source == sandworm && r.Type == "uses" && fixture.Objects[r.Target].GetProperty("type").GetString() == "attack-pattern")
            .Select(r => fixture.NameOf(r.Target))
            .Order(StringComparer.Ordinal)
            .ToList();

        var report = Analytics.Neighbourhood(sandworm, 1, EdgeDirection.Outgoing, 1000);
        var techniques = report.Nodes.Where(n => n.Node.Type == "attack-pattern").Select(n => n.Node.Label).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, techniques);
        Assert.Contains("Command-Line Interface", techniques);
        Assert.Contains("Connection Proxy", techniques);
        Assert.Contains("Exploit Public-Facing Application", techniques);
        Assert.All(report.Nodes.Skip(1), node => Assert.Equal(1, node.Distance));
        Assert.All(report.Nodes.Skip(1), node => Assert.Equal(sandworm, node.Via!.Source));
    }

    [Fact]
    public void Shared_techniques_are_real_uses()
    {
        var edges = BundleEdges();

        var report = Analytics.Patterns(PatternKind.SharedTechniques, 50);

        Assert.NotEmpty(report.Pairs);
        Assert.True(report.Total >= report.Pairs.Count);
        foreach (var pair in report.Pairs)
        {
            Assert.Equal(pair.SharedCount, pair.Shared.Count);
            foreach (var item in pair.Shared)
            {
                Assert.Equal("attack-pattern", item.Item.Type);
                Assert.Contains((pair.First.Id, "uses", item.Item.Id), edges);
                Assert.Contains((pair.Second.Id, "uses", item.Item.Id), edges);
                Assert.Equal(item.Item.Id, item.FirstEdges.Single().Target);
                Assert.Equal(item.Item.Id, item.SecondEdges.Single().Target);
            }
        }

        var counts = report.Pairs.Select(pair => pair.SharedCount).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
    }

    [Fact]
    public void OilRig_and_Allanite_share_three_techniques()
    {
        var oilRig = fixture.IdOf("intrusion-set", "OilRig");
        var allanite = fixture.IdOf("intrusion-set", "ALLANITE");

        var report = Analytics.Patterns(PatternKind.SharedTechniques, int.MaxValue);
        var pair = report.Pairs.Single(p => new[] { p.First.Id, p.Second.Id }.Order().SequenceEqual(new[] { oilRig, allanite }.Order()));

        Assert.Equal(["Drive-by Compromise", "Spearphishing Attachment", "Valid Accounts"], pair.Shared.Select(item => item.Item.Label).Order(StringComparer.Ordinal));
        Assert.Equal(report.Total, report.Pairs.Count);
    }

    [Fact]
    public void Common_targets_follow_real_edges()
    {
        var edges = BundleEdges();

        var report = Analytics.Patterns(PatternKind.CommonTargets, 20);

        Assert.NotEmpty(report.Pairs);
        foreach (var pair in report.Pairs)
        {
            foreach (var item in pair.Shared)
            {
                foreach (var (actor, path) in new[] { (pair.First, item.FirstEdges), (pair.Second, item.SecondEdges) })
                {
                    Assert.Equal(actor.Id, path[0].Source);
                    Assert.Equal(item.Item.Id, path[^1].Target);
                    Assert.Equal("targets", path[^1].Type);
                    Assert.All(path, edge => Assert.Contains((edge.Source, edge.Type, edge.Target), edges));
                }
            }
        }
    }

    [Fact]
    public void Path_steps_are_real_edges()
    {
        var edges = BundleEdges();
        var from = fixture.IdOf("intrusion-set", "Sandworm Team");
        var to = fixture.IdOf("intrusion-set", "ALLANITE");

        var report = Analytics.Path(from, to, EdgeDirection.Any);

        Assert.True(report.Found);
        Assert.True(report.Hops >= 2);
        var at = from;
        foreach (var step in report.Steps)
        {
            Assert.Contains((step.Edge.Source, step.Edge.Type, step.Edge.Target), edges);
            Assert.Equal(at, step.Forward ? step.Edge.Source : step.Edge.Target);
            at = step.To.Id;
        }

        Assert.Equal(to, at);
    }

    [Fact]
    public void Path_is_no_longer_than_bfs()
    {
        var from = fixture.IdOf("intrusion-set", "Sandworm Team");
        var to = fixture.IdOf("intrusion-set", "ALLANITE");
        var adjacency = fixture.Relationships()
            .SelectMany(r => new[] { (r.Source, r.Target), (r.Target, r.Source) })
            .ToLookup(pair => pair.Item1, pair => pair.Item2);

        var distance = new Dictionary<string, int> { [from] = 0 };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in adjacency[node].Where(next => !distance.ContainsKey(next)))
            {
                distance[next] = distance[node] + 1;
                queue.Enqueue(next);
            }
        }

        Assert.Equal(distance[to], Analytics.Path(from, to, EdgeDirection.Any).Hops);
    }

    [Fact]
    public void PageRank_sums_to_one()
    {
        var result = PageRank.Compute(fixture.Graph);
        var report = Analytics.PageRank(10);

        Assert.Equal(1.0, result.Scores.Sum(), 9);
        Assert.All(result.Scores, score => Assert.True(score > 0));
        Assert.Equal(10, report.Items.Count);
        Assert.True(result.Iterations < PageRank.DefaultMaxIterations);
        Assert.Equal(report.Items.Select(item => item.Score).OrderDescending(), report.Items.Select(item => item.Score));
    }

    [Fact]
    public void Degree_matches_bundle_counts()
    {
        var relationships = fixture.Relationships().ToList();

        var report = Analytics.Degree(5);

        Assert.Equal(5, report.Items.Count);
        foreach (var item in report.Items)
        {
            Assert.Equal(relationships.Count(r => r.Target == item.Node.Id), item.In);
            Assert.Equal(relationships.Count(r => r.Source == item.Node.Id), item.Out);
        }
    }

    [Fact]
    public void Betweenness_ranks_connectors()
    {
        var exact = Analytics.Betweenness(10, EdgeDirection.Any);
        var sampled = Analytics.Betweenness(10, EdgeDirection.Any, sampleSize: 50, seed: 3);
        var again = Analytics.Betweenness(10, EdgeDirection.Any, sampleSize: 50, seed: 3);

        Assert.True(exact.Items[0].Score > 0);
        Assert.Equal(false, exact.Details["sampled"]);
        Assert.Equal(true, sampled.Details["sampled"]);
        Assert.Equal(sampled.Items, again.Items);
    }

    [Fact]
    public void Communities_cover_every_node()
    {
        var report = Analytics.Communities(int.MaxValue);

        Assert.Equal(fixture.Graph.NodeCount, report.Assigned);
        Assert.Equal(fixture.Graph.NodeCount, report.Communities.Sum(community => community.Size));
        Assert.Equal(report.Count, report.Communities.Count);
        // A sensible partition beats both putting everything in one community (modularity 0) and grouping by entity type.
        var types = Enumerable.Range(0, fixture.Graph.NodeCount).Select(fixture.Graph.NodeType).Distinct().ToList();
        var byType = Enumerable.Range(0, fixture.Graph.NodeCount).Select(node => types.IndexOf(fixture.Graph.NodeType(node))).ToArray();
        Assert.True(report.Modularity > 0, $"modularity {report.Modularity}");
        Assert.True(report.Modularity > CommunityDetection.Modularity(fixture.Graph, byType), $"modularity {report.Modularity}");
        Assert.True(report.Converged);
        Assert.Equal(
            fixture.Graph.NodeCount,
            report.Communities.SelectMany(community => community.Members).Select(member => member.Id).Distinct().Count());
    }

    [Fact]
    public void Triangles_are_real()
    {
        var edges = BundleEdges();

        var report = Analytics.Patterns(PatternKind.Triangles, 100);

        Assert.True(report.Total > 0);
        Assert.NotEmpty(report.Triangles);
        foreach (var triangle in report.Triangles)
        {
            Assert.Equal(3, triangle.Nodes.Select(node => node.Id).Distinct().Count());
            var sides = new[] { (0, 1), (1, 2), (0, 2) };
            for (var side = 0; side < 3; side++)
            {
                var edge = triangle.Edges[side];
                var ends = new[] { triangle.Nodes[sides[side].Item1].Id, triangle.Nodes[sides[side].Item2].Id }.Order();
                Assert.Equal(ends, new[] { edge.Source, edge.Target }.Order());
                Assert.Contains((edge.Source, edge.Type, edge.Target), edges);
            }
        }
    }
}
