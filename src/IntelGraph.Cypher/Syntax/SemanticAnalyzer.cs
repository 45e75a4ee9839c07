namespace IntelGraph.Cypher.Syntax;

/// <summary>Checks a parsed query for errors that need no graph, such as unknown variables, before it runs.</summary>
internal static class SemanticAnalyzer
{
    public static void Check(QueryStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
    }
}
