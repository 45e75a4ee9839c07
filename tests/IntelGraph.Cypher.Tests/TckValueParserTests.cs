using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Tests.Tck;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests;

public sealed class TckValueParserTests
{
    [Theory]
    [InlineData("null", "null")]
    [InlineData("-12", "-12")]
    [InlineData("1.0", "1.0")]
    [InlineData("'it\\'s'", "'it\\'s'")]
    [InlineData("[1, 'a', [true]]", "[1, 'a', [true]]")]
    [InlineData("{b: 2, a: 1}", "{a: 1, b: 2}")]
    [InlineData("(:B:A {name: 'x'})", "(:A:B {name: 'x'})")]
    [InlineData("[:T {since: 2010}]", "[:T {since: 2010}]")]
    [InlineData("<(:A)-[:T]->(:B)<-[:U]-()>", "<(:A)-[:T]->(:B)<-[:U]-()>")]
    public void Notation_renders_canonically(string notation, string expected)
    {
        Assert.Equal(expected, TckCanonical.Render(TckValueParser.Parse(notation), sortLists: false));
    }

    [Fact]
    public void Engine_path_matches_expected_notation()
    {
        var graph = new InMemoryPropertyGraph();
        var result = CypherEngine.Execute(graph, "CREATE p = (:A {k: 1})<-[:T]-(:B) RETURN p", cancellationToken: TestContext.Current.CancellationToken);

        var expected = TckCanonical.Render(TckValueParser.Parse("<(:A {k: 1})<-[:T]-(:B)>"), sortLists: false);
        Assert.Equal(expected, TckCanonical.Render(result.Rows[0][0], sortLists: false));
    }

    [Fact]
    public void List_order_is_ignored_when_requested()
    {
        var left = TckCanonical.Render(TckValueParser.Parse("[3, 1, 2]"), sortLists: true);
        var right = TckCanonical.Render(new ListValue([CypherValue.From(1), CypherValue.From(2), CypherValue.From(3)]), sortLists: true);

        Assert.Equal(left, right);
    }
}
