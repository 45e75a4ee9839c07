using IntelGraph.Cypher.Execution;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Procedures;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher;

/// <summary>
/// Runs openCypher queries against an <see cref="IPropertyGraph"/>. User input must reach a query only
/// through the parameters (<c>$name</c>), and query text must never be built from user values.
/// </summary>
public static class CypherEngine
{
    /// <summary>Parses and runs a query, returning its columns, rows and change counts.</summary>
    /// <exception cref="CypherException">The query is invalid, or it failed while running; the exception names the category.</exception>
    public static CypherResult Execute(
        IPropertyGraph graph,
        string query,
        IReadOnlyDictionary<string, CypherValue>? parameters = null,
        CancellationToken cancellationToken = default) =>
        Execute(graph, query, parameters, ProcedureRegistry.Empty, cancellationToken);

    /// <summary>Parses and runs a query that may <c>CALL</c> the procedures in <paramref name="procedures"/>.</summary>
    /// <exception cref="CypherException">The query is invalid, or it failed while running; the exception names the category.</exception>
    public static CypherResult Execute(
        IPropertyGraph graph,
        string query,
        IReadOnlyDictionary<string, CypherValue>? parameters,
        ProcedureRegistry procedures,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(procedures);

        var statement = Parser.Parse(query);
        SemanticAnalyzer.Check(statement, procedures);

        var context = new QueryContext(graph, parameters ?? new Dictionary<string, CypherValue>(), procedures, cancellationToken);
        return new QueryExecutor(context).Execute(statement);
    }
}
