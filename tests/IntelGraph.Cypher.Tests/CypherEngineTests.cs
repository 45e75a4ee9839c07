using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Procedures;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests;

public sealed class CypherEngineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static InMemoryPropertyGraph SocialGraph()
    {
        var graph = new InMemoryPropertyGraph();
        CypherEngine.Execute(graph, """
            CREATE (ann:Person {name: 'Ann', age: 31}), (bob:Person {name: 'Bob', age: 25}), (cat:Person {name: 'Cat', age: 40}),
                   (ann)-[:KNOWS {since: 2010}]->(bob), (bob)-[:KNOWS {since: 2015}]->(cat)
            """, cancellationToken: Token);
        return graph;
    }

    private static List<string> Column(CypherResult result, int index = 0) =>
        result.Rows.Select(row => row[index].ToString()).ToList();

    [Fact]
    public void Match_filters_and_orders_rows()
    {
        var result = CypherEngine.Execute(SocialGraph(), "MATCH (p:Person) WHERE p.age > 26 RETURN p.name AS name ORDER BY name DESC", cancellationToken: Token);

        Assert.Equal(["name"], result.Columns);
        Assert.Equal(["'Cat'", "'Ann'"], Column(result));
    }

    [Fact]
    public void Variable_length_expansion_reaches_two_hops()
    {
        var result = CypherEngine.Execute(SocialGraph(), "MATCH (:Person {name: 'Ann'})-[:KNOWS*1..2]->(f) RETURN f.name ORDER BY f.name", cancellationToken: Token);

        Assert.Equal(["'Bob'", "'Cat'"], Column(result));
    }

    [Fact]
    public void Path_keeps_written_order_from_bound_end()
    {
        var result = CypherEngine.Execute(SocialGraph(),
            "MATCH (b:Person {name: 'Cat'}) MATCH p = (a)-[:KNOWS]->()-[:KNOWS]->(b) RETURN [n IN nodes(p) | n.name] AS names, a.name AS first",
            cancellationToken: Token);

        var row = Assert.Single(result.Rows);
        Assert.Equal("['Ann', 'Bob', 'Cat']", row[0].ToString());
        Assert.Equal("'Ann'", row[1].ToString());
    }

    [Fact]
    public void Aggregation_groups_by_keys()
    {
        var result = CypherEngine.Execute(SocialGraph(), "MATCH (p:Person) RETURN p.age > 30 AS older, count(*) AS people, collect(p.name) AS names ORDER BY older", cancellationToken: Token);

        Assert.Equal("[false, 1, ['Bob']]", new ListValue(result.Rows[0]).ToString());
        Assert.Equal("[true, 2, ['Ann', 'Cat']]", new ListValue(result.Rows[1]).ToString());
    }

    [Fact]
    public void Optional_match_binds_null_when_missing()
    {
        var result = CypherEngine.Execute(SocialGraph(), "MATCH (p:Person {name: 'Cat'}) OPTIONAL MATCH (p)-[:KNOWS]->(f) RETURN f", cancellationToken: Token);

        Assert.True(Assert.Single(result.Rows)[0].IsNull);
    }

    [Fact]
    public void Parameters_reach_the_query()
    {
        var parameters = new Dictionary<string, CypherValue> { ["name"] = CypherValue.From("Bob") };

        var result = CypherEngine.Execute(SocialGraph(), "MATCH (p:Person {name: $name}) RETURN p.age", parameters, Token);

        Assert.Equal(["25"], Column(result));
    }

    [Fact]
    public void Create_and_delete_update_statistics()
    {
        var graph = SocialGraph();

        var created = CypherEngine.Execute(graph, "CREATE (:City {name: 'Oslo'})", cancellationToken: Token);
        var deleted = CypherEngine.Execute(graph, "MATCH (p:Person {name: 'Bob'}) DETACH DELETE p", cancellationToken: Token);

        Assert.Equal(1, created.Statistics.NodesCreated);
        Assert.Equal(1, created.Statistics.LabelsAdded);
        Assert.Equal(1, created.Statistics.PropertiesSet);
        Assert.Equal(1, deleted.Statistics.NodesDeleted);
        Assert.Equal(2, deleted.Statistics.RelationshipsDeleted);
        Assert.Equal(3, graph.NodeCount);
        Assert.Equal(0, graph.RelationshipCount);
    }

    [Fact]
    public void Merge_creates_only_once()
    {
        var graph = new InMemoryPropertyGraph();

        CypherEngine.Execute(graph, "UNWIND [1, 2, 2] AS n MERGE (:Number {value: n}) ", cancellationToken: Token);
        var result = CypherEngine.Execute(graph, "MATCH (n:Number) RETURN count(n)", cancellationToken: Token);

        Assert.Equal(["2"], Column(result));
    }

    [Fact]
    public void Set_and_remove_change_properties_and_labels()
    {
        var graph = SocialGraph();

        CypherEngine.Execute(graph, "MATCH (p:Person {name: 'Ann'}) SET p += {city: 'Oslo'}, p:Admin REMOVE p.age", cancellationToken: Token);
        var result = CypherEngine.Execute(graph, "MATCH (p:Admin) RETURN p", cancellationToken: Token);

        Assert.Equal(["(:Admin:Person {name: 'Ann', city: 'Oslo'})"], Column(result));
    }

    [Fact]
    public void Undefined_variable_is_a_compile_error()
    {
        var error = Assert.Throws<CypherException>(() => CypherEngine.Execute(new InMemoryPropertyGraph(), "MATCH (a) RETURN b", cancellationToken: Token));

        Assert.Equal("SyntaxError", error.Category);
        Assert.Equal("UndefinedVariable", error.Detail);
        Assert.Equal(CypherErrorPhase.CompileTime, error.Phase);
        Assert.Equal(1, error.Line);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Type_error_is_raised_at_runtime()
    {
        var parameters = new Dictionary<string, CypherValue> { ["value"] = CypherValue.From("text") };

        var error = Assert.Throws<CypherException>(() => CypherEngine.Execute(new InMemoryPropertyGraph(), "WITH 1 AS one\nRETURN $value - one", parameters, Token));

        Assert.Equal("TypeError", error.Category);
        Assert.Equal(CypherErrorPhase.Runtime, error.Phase);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Union_removes_duplicate_rows()
    {
        var result = CypherEngine.Execute(new InMemoryPropertyGraph(), "RETURN 1 AS x UNION RETURN 1 AS x UNION RETURN 2 AS x", cancellationToken: Token);

        Assert.Equal(["1", "2"], Column(result).Order());
    }

    [Fact]
    public void List_functions_and_comprehensions_evaluate()
    {
        var result = CypherEngine.Execute(new InMemoryPropertyGraph(),
            "RETURN [x IN range(1, 6) WHERE x % 2 = 0 | x * 10] AS evens, reduce(s = 0, x IN [1, 2, 3] | s + x) AS total, [1, 2, 3][-1] AS last",
            cancellationToken: Token);

        Assert.Equal("[[20, 40, 60], 6, 3]", new ListValue(result.Rows[0]).ToString());
    }

    [Fact]
    public void Call_joins_procedure_rows()
    {
        var procedures = new ProcedureRegistry();
        procedures.Register(new CypherProcedure(
            "text.repeat",
            [new ProcedureField("text", "STRING?"), new ProcedureField("times", "INTEGER?")],
            [new ProcedureField("copy", "STRING?")],
            (arguments, _) => Enumerable.Repeat((IReadOnlyList<CypherValue>)[arguments[0]], (int)((IntegerValue)arguments[1]).Value)));

        var result = CypherEngine.Execute(SocialGraph(), "MATCH (p:Person {name: 'Ann'}) CALL text.repeat(p.name, 2) YIELD copy RETURN copy", null, procedures, Token);

        Assert.Equal(["'Ann'", "'Ann'"], Column(result));
    }

    [Fact]
    public void Unknown_procedure_is_rejected()
    {
        var error = Assert.Throws<CypherException>(() => CypherEngine.Execute(new InMemoryPropertyGraph(), "CALL db.missing()", cancellationToken: Token));

        Assert.Equal("ProcedureError", error.Category);
        Assert.Equal("ProcedureNotFound", error.Detail);
    }

    [Fact]
    public void Cancellation_stops_a_query()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => CypherEngine.Execute(SocialGraph(), "MATCH (a), (b), (c) RETURN count(*)", cancellationToken: cancellation.Token));
    }
}
