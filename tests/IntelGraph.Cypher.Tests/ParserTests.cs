using IntelGraph.Cypher.Syntax;

namespace IntelGraph.Cypher.Tests;

public sealed class ParserTests
{
    [Fact]
    public void Match_with_relationship_pattern_parses()
    {
        var statement = Parser.Parse("MATCH (a:Person {name: 'Ann'})-[r:KNOWS*1..3]->(b) RETURN b.name AS name");

        var match = Assert.IsType<MatchClause>(statement.Parts[0].Clauses[0]);
        var pattern = Assert.Single(match.Patterns);
        Assert.Equal("a", pattern.Nodes[0].Variable);
        Assert.Equal(["Person"], pattern.Nodes[0].Labels);
        var relationship = Assert.Single(pattern.Relationships);
        Assert.Equal(["KNOWS"], relationship.Types);
        Assert.True(relationship.IsVariableLength);
        Assert.Equal(1, relationship.MinHops);
        Assert.Equal(3, relationship.MaxHops);
        Assert.Equal(RelationshipDirection.LeftToRight, relationship.Direction);
    }

    [Fact]
    public void Unaliased_column_keeps_source_text()
    {
        var statement = Parser.Parse("RETURN 1 + 2 ,  n.name");

        var projection = Assert.IsType<ReturnClause>(statement.Parts[0].Clauses[0]).Projection;
        Assert.Equal(["1 + 2", "n.name"], projection.Items.Select(item => item.Name));
    }

    [Fact]
    public void Precedence_binds_multiplication_tighter()
    {
        var statement = Parser.Parse("RETURN 1 + 2 * 3 AS x");

        var item = Assert.IsType<ReturnClause>(statement.Parts[0].Clauses[0]).Projection.Items[0];
        var sum = Assert.IsType<BinaryExpression>(item.Expression);
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpression>(sum.Right).Operator);
    }

    [Fact]
    public void Less_than_negative_is_not_an_arrow()
    {
        var result = CypherEngine.Execute(new Graph.InMemoryPropertyGraph(), "WITH 3 AS x RETURN x<-1 AS below, -2<-1 AS above", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("false", result.Rows[0][0].ToString());
        Assert.Equal("true", result.Rows[0][1].ToString());
    }

    [Fact]
    public void Syntax_error_reports_position()
    {
        var error = Assert.Throws<CypherException>(() => Parser.Parse("MATCH (n)\nRETURN n +"));

        Assert.Equal("SyntaxError", error.Category);
        Assert.Equal(2, error.Line);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Integer_literal_overflow_is_rejected()
    {
        var error = Assert.Throws<CypherException>(() => Parser.Parse("RETURN 9223372036854775808 AS x"));

        Assert.Equal("IntegerOverflow", error.Detail);
    }

    [Fact]
    public void Smallest_integer_literal_parses()
    {
        var statement = Parser.Parse("RETURN -9223372036854775808 AS x");

        var item = Assert.IsType<ReturnClause>(statement.Parts[0].Clauses[0]).Projection.Items[0];
        var literal = Assert.IsType<LiteralExpression>(item.Expression);
        Assert.Equal(long.MinValue, Assert.IsType<Values.IntegerValue>(literal.Value).Value);
    }
}
