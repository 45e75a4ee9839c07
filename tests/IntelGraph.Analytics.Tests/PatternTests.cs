using IntelGraph.Analytics.Explanations;
using IntelGraph.Analytics.Graph;
using IntelGraph.Analytics.Patterns;

namespace IntelGraph.Analytics.Tests;

public sealed class PatternTests
{
    /// <summary>Groups g1 and g2, malware m, techniques t1 to t3 and assets a1, a2.</summary>
    private static AnalyticsGraph ThreatGraph() =>
        SmallGraphs.Build(
            "g1:intrusion-set g2:intrusion-set m:malware t1:attack-pattern t2:attack-pattern t3:attack-pattern a1:x-mitre-asset a2:x-mitre-asset",
            "g1>t1 uses",
            "g1>t2 uses",
            "g2>t1 uses",
            "g2>t2 uses",
            "g2>t3 uses",
            "m>t3 uses",
            "g1>m uses",
            "t1>a1 targets",
            "t3>a2 targets",
            "m>a1 targets");

    [Fact]
    public void Shared_techniques_rank_by_overlap()
    {
        var graph = ThreatGraph();

        var result = PatternFinders.SharedTechniques(graph, minShared: 1, limit: 10);

        Assert.Equal(2, result.Total);
        var first = result.Matches[0];
        Assert.Equal(("g1", "g2"), (graph.NodeId(first.First), graph.NodeId(first.Second)));
        Assert.Equal(["t1", "t2"], first.Shared.Select(item => graph.NodeId(item.Item)));
        Assert.Equal(2.0 / 3, first.Jaccard, 12);
        Assert.Equal(["e0", "e1", "e2", "e3"], first.Edges.Select(graph.EdgeId));
        var second = result.Matches[1];
        Assert.Equal(("g2", "m"), (graph.NodeId(second.First), graph.NodeId(second.Second)));
        Assert.Equal(["t3"], second.Shared.Select(item => graph.NodeId(item.Item)));
    }

    [Fact]
    public void Shared_techniques_respect_minimum_and_limit()
    {
        var graph = ThreatGraph();

        var atLeastTwo = PatternFinders.SharedTechniques(graph, minShared: 2, limit: 10);
        var onlyOne = PatternFinders.SharedTechniques(graph, minShared: 1, limit: 1);

        Assert.Equal(1, atLeastTwo.Total);
        Assert.Single(atLeastTwo.Matches);
        Assert.Equal(2, onlyOne.Total);
        Assert.Single(onlyOne.Matches);
    }

    [Fact]
    public void Common_targets_follow_one_or_two_steps()
    {
        var graph = ThreatGraph();

        var result = PatternFinders.CommonTargets(graph, minShared: 1, limit: 10);

        // g1 reaches a1 through t1; g2 reaches a1 through t1 and a2 through t3; m reaches a1 itself and a2 through t3.
        var byPair = result.Matches.ToDictionary(match => (graph.NodeId(match.First), graph.NodeId(match.Second)));
        Assert.Equal(["a1"], byPair[("g1", "g2")].Shared.Select(item => graph.NodeId(item.Item)));
        Assert.Equal(["a1", "a2"], byPair[("g2", "m")].Shared.Select(item => graph.NodeId(item.Item)));
        var direct = byPair[("g1", "m")].Shared.Single();
        Assert.Equal(["e0", "e7"], direct.FirstPath.Select(graph.EdgeId));
        Assert.Equal(["e9"], direct.SecondPath.Select(graph.EdgeId));
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public void Triangles_of_complete_graph()
    {
        // K4 with mixed directions has C(4,3) = 4 triangles; the parallel edge a>b adds none.
        var graph = SmallGraphs.Build("a b c d", "a>b", "b>c", "c>a", "a>d", "d>b", "c>d", "b>a");

        var result = Triangles.Find(graph, limit: 10);
        var limited = Triangles.Find(graph, limit: 1);

        Assert.Equal(4, result.Count);
        Assert.Equal(4, result.Triangles.Count);
        Assert.Equal(4, result.Triangles.Select(t => string.Join(",", t.Nodes.Order())).Distinct().Count());
        Assert.Equal(4, limited.Count);
        Assert.Single(limited.Triangles);
        foreach (var triangle in result.Triangles)
        {
            var sides = new[] { (0, 1), (1, 2), (0, 2) };
            for (var side = 0; side < 3; side++)
            {
                var edge = triangle.Edges[side];
                var ends = new[] { triangle.Nodes[sides[side].Item1], triangle.Nodes[sides[side].Item2] }.Order();
                Assert.Equal(ends, new[] { graph.EdgeSource(edge), graph.EdgeTarget(edge) }.Order());
            }
        }
    }

    [Fact]
    public void Triangles_ignore_self_loops_and_paths()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "b>c", "a>a");

        Assert.Equal(0, Triangles.Find(graph, limit: 10).Count);
    }

    [Fact]
    public void Counterfactual_bridge_splits_path_and_communities()
    {
        var analytics = new GraphAnalytics(SmallGraphs.TwoTriangles());

        var path = Counterfactuals.Path(analytics, "e6", "a", "f", EdgeDirection.Any);
        var communities = Counterfactuals.Communities(analytics, "e6");

        Assert.True(path.Before.Found);
        Assert.Equal(3, path.Before.Hops);
        Assert.False(path.After.Found);
        Assert.Equal("e6", path.RemovedEdge.Id);
        Assert.Equal(2, communities.CountBefore);
        Assert.Equal(2, communities.CountAfter);
        Assert.False(communities.EndpointsTogetherBefore);
        Assert.Equal(0, communities.NodesMoved);
        Assert.True(communities.ModularityAfter > communities.ModularityBefore);
    }

    [Fact]
    public void Counterfactual_scores_report_changes()
    {
        var analytics = new GraphAnalytics(SmallGraphs.TwoTriangles());

        var result = Counterfactuals.Scores(
            analytics, "e6", graph => Algorithms.BetweennessCentrality.Compute(graph, EdgeDirection.Any).Scores, top: 10);

        var c = result.Changes.Single(change => change.Node.Id == "c");
        Assert.Equal(6, c.Before, 12);
        Assert.Equal(0, c.After, 12);
        Assert.Equal(0, result.Changes.Single(change => change.Node.Id == "d").After, 12);
        Assert.DoesNotContain(result.Changes, change => change.Node.Id == "a" && change.Before == change.After && change.PositionBefore == change.PositionAfter);
    }

    [Fact]
    public void Counterfactual_triangles_lose_one()
    {
        var analytics = new GraphAnalytics(SmallGraphs.TwoTriangles());

        var result = Counterfactuals.Patterns(analytics, "e0", PatternKind.Triangles, 10, 1);

        Assert.Equal(2, result.TotalBefore);
        Assert.Equal(1, result.TotalAfter);
    }

    [Fact]
    public void Counterfactual_rejects_unknown_edge()
    {
        var analytics = new GraphAnalytics(SmallGraphs.TwoTriangles());

        var error = Assert.Throws<AnalyticsInputException>(() => Counterfactuals.Communities(analytics, "no-such-edge"));

        Assert.Equal("withoutEdge", error.Field);
        Assert.True(error.NotFound);
    }

    [Fact]
    public void Degree_explanation_counts_parallel_edges()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "b>a", "a>c");

        var explanation = ScoreExplainer.Degree(graph, graph.Node("a"), 10);

        Assert.Equal(3, explanation.Score);
        Assert.Equal(("b", 2.0), (explanation.Neighbours[0].Neighbour.Id, explanation.Neighbours[0].Share));
        Assert.Equal(("c", 1.0), (explanation.Neighbours[1].Neighbour.Id, explanation.Neighbours[1].Share));
    }
}
