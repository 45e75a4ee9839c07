using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Planning;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests;

public sealed class QueryCostTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // 4 groups, 20 techniques; group g uses techniques g*5 .. g*5+4, and each technique leads to the next one.
    private static InMemoryPropertyGraph GroupsAndTechniques()
    {
        var graph = new InMemoryPropertyGraph();
        CypherEngine.Execute(graph, """
            UNWIND range(0, 19) AS i CREATE (:Technique {id: 't' + toString(i), n: i})
            """, cancellationToken: Token);
        CypherEngine.Execute(graph, """
            UNWIND range(0, 3) AS g CREATE (group:Group {id: 'g' + toString(g)})
            WITH group, g MATCH (t:Technique) WHERE t.n >= g * 5 AND t.n < g * 5 + 5 CREATE (group)-[:USES]->(t)
            """, cancellationToken: Token);
        CypherEngine.Execute(graph, """
            MATCH (a:Technique), (b:Technique) WHERE b.n = a.n + 1 CREATE (a)-[:LEADS_TO]->(b)
            """, cancellationToken: Token);
        return graph;
    }

    private static QueryCostEstimate Estimate(InMemoryPropertyGraph graph, string query, IReadOnlyDictionary<string, CypherValue>? parameters = null) =>
        CypherEngine.Estimate(GraphStatistics.Collect(graph), query, parameters);

    [Fact]
    public void Statistics_count_labels_and_types()
    {
        var statistics = GraphStatistics.Collect(GroupsAndTechniques());

        Assert.Equal(24, statistics.NodeCount);
        Assert.Equal(20 + 19, statistics.RelationshipCount);
        Assert.Equal(4, statistics.CountLabel("Group"));
        Assert.Equal(20, statistics.CountTypes(["USES"]));
        Assert.Equal(39, statistics.CountTypes([]));
        Assert.Equal(0, statistics.CountLabel("Missing"));
    }

    [Fact]
    public void Label_scan_reads_label_nodes()
    {
        var estimate = Estimate(GroupsAndTechniques(), "MATCH (g:Group) RETURN g");

        Assert.Equal(4, estimate.RowsTouched);
        Assert.Equal(4, estimate.RowsReturned);
    }

    [Fact]
    public void One_hop_adds_expanded_relationships()
    {
        // 4 groups scanned, then each group's own 5 USES relationships.
        var estimate = Estimate(GroupsAndTechniques(), "MATCH (g:Group)-[:USES]->(t) RETURN t");

        Assert.Equal(4 + 20, estimate.RowsTouched);
    }

    [Fact]
    public void Variable_length_cost_grows_with_depth()
    {
        var graph = GroupsAndTechniques();

        var shallow = Estimate(graph, "MATCH (a)-[*1..2]-(b) RETURN count(*)");
        var deep = Estimate(graph, "MATCH (a)-[*1..6]-(b) RETURN count(*)");
        var unbounded = Estimate(graph, "MATCH (a)-[*]-(b) RETURN count(*)");

        Assert.True(deep.RowsTouched > shallow.RowsTouched * 10, $"{deep.RowsTouched} vs {shallow.RowsTouched}");
        Assert.True(unbounded.RowsTouched >= deep.RowsTouched);
        Assert.Equal(1, deep.RowsReturned);
        Assert.True(deep.Milliseconds > shallow.Milliseconds);
    }

    [Fact]
    public void Estimate_reads_limit_and_parameters()
    {
        var graph = GroupsAndTechniques();
        var parameters = new Dictionary<string, CypherValue>
        {
            ["ids"] = new ListValue([.. Enumerable.Range(0, 50).Select(i => (CypherValue)new IntegerValue(i))]),
            ["top"] = new IntegerValue(3),
        };

        Assert.Equal(3, Estimate(graph, "MATCH (t:Technique) RETURN t LIMIT $top", parameters).RowsReturned);
        Assert.Equal(50, Estimate(graph, "UNWIND $ids AS id RETURN id", parameters).RowsReturned);
        Assert.Equal(0, Estimate(graph, "MATCH (t:Technique) SET t.seen = true").RowsReturned);
    }

    [Fact]
    public void Estimate_rejects_invalid_query()
    {
        var error = Assert.Throws<CypherException>(() => Estimate(GroupsAndTechniques(), "MATCH (g:Group)\nRETURN h"));

        Assert.Equal("SyntaxError", error.Category);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Guard_stops_row_overrun()
    {
        var graph = GroupsAndTechniques();
        var limits = new QueryLimits(MaxRowsTouched: 30, MaxDuration: TimeSpan.FromSeconds(30));

        var small = CypherEngine.Execute(graph, "MATCH (g:Group) RETURN count(g)", null, limits, Token);
        var error = Assert.Throws<CypherException>(() => CypherEngine.Execute(graph, "MATCH (a)-[*1..4]-(b) RETURN count(*)", null, limits, Token));

        Assert.Equal("4", small.Rows[0][0].ToString());
        Assert.Equal(QueryLimitErrors.Category, error.Category);
        Assert.Equal(QueryLimitErrors.RowLimitExceeded, error.Detail);
        Assert.Contains("30 rows", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Guard_stops_time_overrun()
    {
        var limits = new QueryLimits(MaxRowsTouched: long.MaxValue, MaxDuration: TimeSpan.FromMilliseconds(50));

        var graph = new InMemoryPropertyGraph();
        CypherEngine.Execute(graph, "UNWIND range(1, 300) AS i CREATE (:Point {i: i})", cancellationToken: Token);

        // 27 million combinations: far more than 50 ms of work.
        var error = Assert.Throws<CypherException>(() => CypherEngine.Execute(
            graph, "MATCH (a:Point), (b:Point), (c:Point) WHERE a.i + b.i = c.i RETURN count(*)", null, limits, Token));

        Assert.Equal(QueryLimitErrors.TimeLimitExceeded, error.Detail);
        Assert.Contains("50 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_at_estimate_lets_query_finish()
    {
        var graph = GroupsAndTechniques();
        const string query = "MATCH (g:Group)-[:USES]->(t:Technique)-[:LEADS_TO*1..3]->(next) RETURN g.id, count(next)";

        var estimate = Estimate(graph, query);
        var result = CypherEngine.Execute(graph, query, null, new QueryLimits(estimate.RowsTouched, TimeSpan.FromSeconds(30)), Token);

        Assert.Equal(4, result.Rows.Count);
    }

    [Fact]
    public void Indexed_id_skips_scan()
    {
        var graph = new InMemoryPropertyGraph(indexedKeys: ["id"]);
        CypherEngine.Execute(graph, "UNWIND range(0, 999) AS i CREATE (:Item {id: 'item-' + toString(i), n: i})", cancellationToken: Token);
        CypherEngine.Execute(graph, "CREATE (:Item {id: 7, n: -1})", cancellationToken: Token);
        CypherEngine.Execute(graph, "MATCH (a:Item {id: 'item-1'}), (b:Item {id: 'item-2'}) CREATE (a)-[:NEXT]->(b)", cancellationToken: Token);
        CypherEngine.Execute(graph, "MATCH (a:Item {id: 'item-3'}) SET a.id = 'renamed'", cancellationToken: Token);
        var limits = new QueryLimits(long.MaxValue, TimeSpan.FromSeconds(30));
        var parameters = new Dictionary<string, CypherValue> { ["id"] = new StringValue("item-1") };

        var hop = CypherEngine.Execute(graph, "MATCH (a {id: $id})-[:NEXT]->(b) RETURN b.n", parameters, limits, Token);
        var renamed = CypherEngine.Execute(graph, "MATCH (a {id: 'renamed'}) RETURN a.n", null, limits, Token);
        var old = CypherEngine.Execute(graph, "MATCH (a {id: 'item-3'}) RETURN a.n", null, limits, Token);
        var integer = CypherEngine.Execute(graph, "MATCH (a {id: 7}) RETURN a.n", null, limits, Token);

        Assert.Equal("2", hop.Rows.Single()[0].ToString());
        Assert.Equal(2, hop.Statistics.RowsRead);
        Assert.Equal("3", renamed.Rows.Single()[0].ToString());
        Assert.Empty(old.Rows);
        Assert.Equal("-1", integer.Rows.Single()[0].ToString());
        Assert.Equal(1001, integer.Statistics.RowsRead);
        Assert.Equal(2, CypherEngine.Estimate(GraphStatistics.Collect(graph), "MATCH (a {id: $id})-[:NEXT]->(b) RETURN b.n", parameters).RowsTouched);
    }
}
