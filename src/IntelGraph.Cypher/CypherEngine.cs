using IntelGraph.Cypher.Execution;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Planning;
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
    /// <summary>
    /// Parses and runs a query that may read at most <see cref="QueryLimits.MaxRowsTouched"/> nodes and relationships
    /// and run at most <see cref="QueryLimits.MaxDuration"/>. A run that goes past either limit stops with a
    /// <see cref="CypherException"/> of category <see cref="QueryLimitErrors.Category"/>.
    /// </summary>
    /// <exception cref="CypherException">The query is invalid, failed, or went past its limits.</exception>
    public static CypherResult Execute(
        IPropertyGraph graph,
        string query,
        IReadOnlyDictionary<string, CypherValue>? parameters,
        QueryLimits limits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(limits);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.MaxDuration);
        try
        {
            var guarded = new GuardedPropertyGraph(graph, limits.MaxRowsTouched);
            var result = Execute(guarded, query, parameters, ProcedureRegistry.Empty, deadline.Token);
            result.Statistics.RowsRead = guarded.RowsTouched;
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CypherException(
                QueryLimitErrors.Category,
                QueryLimitErrors.TimeLimitExceeded,
                CypherErrorPhase.Runtime,
                $"The query was stopped after {limits.MaxDuration.TotalMilliseconds:0} ms, the longest it was granted. Narrow the pattern, add a LIMIT or ask for a larger budget.");
        }
    }

    /// <summary>
    /// Estimates, without running it, what a query will read and how long it will take on a graph with the given
    /// counts. Parameters matter where they set a list's length or a LIMIT.
    /// </summary>
    /// <exception cref="CypherException">The query is invalid.</exception>
    public static QueryCostEstimate Estimate(
        GraphStatistics statistics,
        string query,
        IReadOnlyDictionary<string, CypherValue>? parameters = null,
        QueryCostModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(query);

        var statement = Parser.Parse(query);
        SemanticAnalyzer.Check(statement, ProcedureRegistry.Empty);
        var estimator = new CostEstimator(statistics, parameters ?? new Dictionary<string, CypherValue>());
        return estimator.Estimate(statement, model ?? QueryCostModel.Default);
    }
}
