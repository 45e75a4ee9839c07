using IntelGraph.Analytics.Algorithms;
using IntelGraph.Analytics.Graph;

namespace IntelGraph.Analytics.Tests;

public sealed class AlgorithmTests
{
    [Fact]
    public void Graph_lists_edges_by_direction()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "c>a", "a>c");
        var a = graph.Node("a");

        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(3, graph.EdgeCount);
        Assert.Equal([0, 2], graph.OutEdges(a).ToArray());
        Assert.Equal([1], graph.InEdges(a).ToArray());
        Assert.Equal(3, graph.Incident(a, EdgeDirection.Any).Count);
        Assert.Equal("related-to", graph.EdgeType(0));
        Assert.Equal(2, graph.FindEdge("e2"));
        Assert.Equal(-1, graph.FindEdge("missing"));
    }

    [Fact]
    public void Builder_rejects_edge_to_unknown_node()
    {
        var builder = new AnalyticsGraphBuilder().AddNode("a", "A", "node");

        var error = Assert.Throws<ArgumentException>(() => builder.AddEdge("e0", "a", "zz", "uses"));

        Assert.Contains("'zz'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_numbers_edges_by_id()
    {
        var graph = new AnalyticsGraphBuilder()
            .AddNode("a", "A", "node")
            .AddNode("b", "B", "node")
            .AddEdge("z", "a", "b", "uses")
            .AddEdge("m", "b", "a", "targets")
            .Build();

        Assert.Equal(["m", "z"], Enumerable.Range(0, graph.EdgeCount).Select(graph.EdgeId));
        Assert.Equal(("b", "a", "targets"), (graph.NodeId(graph.EdgeSource(0)), graph.NodeId(graph.EdgeTarget(0)), graph.EdgeType(0)));
        Assert.Equal(("a", "b", "uses"), (graph.NodeId(graph.EdgeSource(1)), graph.NodeId(graph.EdgeTarget(1)), graph.EdgeType(1)));
        Assert.Equal([1], graph.OutEdges(graph.Node("a")).ToArray());
    }

    [Fact]
    public void Without_edge_keeps_node_numbers()
    {
        var graph = SmallGraphs.TwoTriangles();

        var without = graph.WithoutEdge(graph.FindEdge("e6"));

        Assert.Equal(graph.NodeCount, without.NodeCount);
        Assert.Equal(graph.EdgeCount - 1, without.EdgeCount);
        Assert.Equal(-1, without.FindEdge("e6"));
        Assert.Equal(graph.Node("d"), without.Node("d"));
        Assert.Equal(2, graph.InDegree(graph.Node("d")));
        Assert.Equal(1, without.InDegree(without.Node("d")));
    }

    [Fact]
    public void PageRank_of_cycle_is_uniform()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "b>c", "c>a");

        var result = PageRank.Compute(graph);

        Assert.All(result.Scores, score => Assert.Equal(1.0 / 3, score, 12));
    }

    [Fact]
    public void PageRank_spreads_dangling_rank()
    {
        // a→b, and b has no outgoing edge. With d = 0.85: r(a) = 0.075 + 0.425·r(b) and r(a) + r(b) = 1,
        // so r(a) = 0.5 / 1.425.
        var graph = SmallGraphs.Build("a b", "a>b");

        var result = PageRank.Compute(graph);

        Assert.Equal(0.5 / 1.425, result.Scores[graph.Node("a")], 9);
        Assert.Equal(1 - (0.5 / 1.425), result.Scores[graph.Node("b")], 9);
        Assert.Equal(1.0, result.Scores.Sum(), 12);
    }

    [Fact]
    public void PageRank_ranks_the_hub_first()
    {
        var graph = SmallGraphs.Build("hub a b c d", "a>hub", "b>hub", "c>hub", "d>hub", "hub>a");

        var result = PageRank.Compute(graph);

        var hub = graph.Node("hub");
        Assert.All(Enumerable.Range(0, graph.NodeCount).Where(node => node != hub), node => Assert.True(result.Scores[hub] > result.Scores[node]));
        Assert.True(result.Scores[graph.Node("a")] > result.Scores[graph.Node("b")]);
        Assert.Equal(1.0, result.Scores.Sum(), 12);
    }

    [Fact]
    public void Degree_counts_both_directions()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "a>c", "c>a", "a>a");

        var result = DegreeCentrality.Compute(graph);

        var a = graph.Node("a");
        Assert.Equal(2, result.In[a]);
        Assert.Equal(3, result.Out[a]);
        Assert.Equal(5, result.Total(a));
        Assert.Equal(1, result.In[graph.Node("b")]);
        Assert.Equal(0, result.Out[graph.Node("b")]);
        Assert.Equal(5 / 4.0, result.Normalized(a));
    }

    [Fact]
    public void Betweenness_of_path_middle_is_one()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "c>b");

        var result = BetweennessCentrality.Compute(graph, EdgeDirection.Any);

        Assert.Equal(1, result.Scores[graph.Node("b")], 12);
        Assert.Equal(0, result.Scores[graph.Node("a")], 12);
        Assert.Equal(0, result.Scores[graph.Node("c")], 12);
        Assert.Equal(1, result.Normalized(graph.Node("b")), 12);
        Assert.False(result.Sampled);
    }

    [Fact]
    public void Betweenness_of_star_centre_counts_leaf_pairs()
    {
        var graph = SmallGraphs.Build("hub a b c d", "hub>a", "hub>b", "c>hub", "d>hub");

        var result = BetweennessCentrality.Compute(graph, EdgeDirection.Any);

        Assert.Equal(6, result.Scores[graph.Node("hub")], 12);
    }

    [Fact]
    public void Betweenness_splits_parallel_shortest_paths()
    {
        // Two shortest paths from a to d, through b and through c, so each carries half.
        var graph = SmallGraphs.Build("a b c d", "a>b", "a>c", "b>d", "c>d");

        var result = BetweennessCentrality.Compute(graph, EdgeDirection.Outgoing);

        Assert.Equal(0.5, result.Scores[graph.Node("b")], 12);
        Assert.Equal(0.5, result.Scores[graph.Node("c")], 12);
        Assert.Equal(0, result.Scores[graph.Node("a")], 12);
    }

    [Fact]
    public void Betweenness_sample_repeats_with_seed()
    {
        var graph = SmallGraphs.TwoTriangles();

        var first = BetweennessCentrality.Compute(graph, EdgeDirection.Any, sampleSize: 3, seed: 7);
        var second = BetweennessCentrality.Compute(graph, EdgeDirection.Any, sampleSize: 3, seed: 7);
        var whole = BetweennessCentrality.Compute(graph, EdgeDirection.Any, sampleSize: graph.NodeCount);

        Assert.True(first.Sampled);
        Assert.Equal(3, first.Sources);
        Assert.Equal(first.Scores, second.Scores);
        Assert.False(whole.Sampled);
        Assert.Equal(BetweennessCentrality.Compute(graph, EdgeDirection.Any).Scores, whole.Scores);
    }

    [Fact]
    public void Betweenness_shares_add_up_to_score()
    {
        var graph = SmallGraphs.TwoTriangles();
        var c = graph.Node("c");

        var score = BetweennessCentrality.Compute(graph, EdgeDirection.Any).Scores[c];
        var shares = BetweennessCentrality.SharesByNextNeighbour(graph, c, EdgeDirection.Any);

        // c lies on every shortest path between {a, b} and {d, e, f}: 6 pairs.
        Assert.Equal(6, score, 12);
        Assert.Equal(score, shares.Sum(share => share.Share), 12);
        Assert.Equal(graph.Node("d"), shares[0].Neighbour);
    }

    [Fact]
    public void Communities_split_two_triangles()
    {
        var graph = SmallGraphs.TwoTriangles();

        var result = CommunityDetection.Compute(graph);

        Assert.Equal(2, result.Count);
        Assert.True(result.Converged);
        var first = result.Communities[graph.Node("a")];
        Assert.Equal(first, result.Communities[graph.Node("b")]);
        Assert.Equal(first, result.Communities[graph.Node("c")]);
        var second = result.Communities[graph.Node("d")];
        Assert.NotEqual(first, second);
        Assert.Equal(second, result.Communities[graph.Node("e")]);
        Assert.Equal(second, result.Communities[graph.Node("f")]);

        // Each side has 3 inner edges and degree sum 7 of 2m = 14: Q = 2 · (3/7 − (1/2)²).
        Assert.Equal(2 * ((3 / 7.0) - 0.25), result.Modularity, 12);
    }

    [Fact]
    public void Communities_give_isolated_nodes_their_own()
    {
        var graph = SmallGraphs.Build("a b c", "a>b");

        var result = CommunityDetection.Compute(graph);

        Assert.Equal(2, result.Count);
        Assert.Equal(result.Communities[graph.Node("a")], result.Communities[graph.Node("b")]);
        Assert.NotEqual(result.Communities[graph.Node("a")], result.Communities[graph.Node("c")]);
    }

    [Fact]
    public void Shortest_path_takes_fewest_edges()
    {
        var graph = SmallGraphs.Build("a b c d e", "a>b", "b>c", "c>d", "e>a", "d>e");

        var any = ShortestPath.Find(graph, graph.Node("a"), graph.Node("d"), EdgeDirection.Any);
        var outgoing = ShortestPath.Find(graph, graph.Node("a"), graph.Node("d"), EdgeDirection.Outgoing);

        Assert.True(any.Found);
        Assert.Equal(["a", "e", "d"], any.Nodes.Select(graph.NodeId));
        Assert.Equal(["e3", "e4"], any.Edges.Select(graph.EdgeId));
        Assert.Equal(3, outgoing.Hops);
        Assert.Equal(["a", "b", "c", "d"], outgoing.Nodes.Select(graph.NodeId));
    }

    [Fact]
    public void Shortest_path_reports_no_path()
    {
        var graph = SmallGraphs.Build("a b c", "a>b", "c>b");

        var result = ShortestPath.Find(graph, graph.Node("a"), graph.Node("c"), EdgeDirection.Outgoing);
        var self = ShortestPath.Find(graph, graph.Node("a"), graph.Node("a"), EdgeDirection.Outgoing);

        Assert.False(result.Found);
        Assert.Empty(result.Nodes);
        Assert.True(self.Found);
        Assert.Equal(0, self.Hops);
    }

    [Fact]
    public void KHop_stops_at_depth()
    {
        var graph = SmallGraphs.Build("a b c d", "a>b", "c>b", "c>d");

        var two = KHopNeighbourhood.Find(graph, graph.Node("a"), 2, EdgeDirection.Any, 100);
        var outgoing = KHopNeighbourhood.Find(graph, graph.Node("a"), 3, EdgeDirection.Outgoing, 100);

        Assert.Equal([("a", 0), ("b", 1), ("c", 2)], two.Nodes.Select(node => (graph.NodeId(node.Node), node.Distance)));
        Assert.Equal("e1", graph.EdgeId(two.Nodes[2].Via));
        Assert.False(two.Truncated);
        Assert.Equal(["a", "b"], outgoing.Nodes.Select(node => graph.NodeId(node.Node)));
    }

    [Fact]
    public void KHop_truncates_at_node_limit()
    {
        var graph = SmallGraphs.Build("hub a b c", "hub>a", "hub>b", "hub>c");

        var result = KHopNeighbourhood.Find(graph, graph.Node("hub"), 1, EdgeDirection.Any, 2);

        Assert.True(result.Truncated);
        Assert.Equal(2, result.Nodes.Count);
    }
}
