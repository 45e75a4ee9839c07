using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>What every part of one query run shares: the graph, the parameters, the procedures, the counters and the cancellation token.</summary>
internal sealed class QueryContext(
    IPropertyGraph graph,
    IReadOnlyDictionary<string, CypherValue> parameters,
    Procedures.ProcedureRegistry procedures,
    CancellationToken cancellationToken)
{
    public Procedures.ProcedureRegistry Procedures { get; } = procedures;

    /// <summary>The UTC time the query started, which the temporal clock functions return.</summary>
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    public IPropertyGraph Graph { get; } = graph;

    public IReadOnlyDictionary<string, CypherValue> Parameters { get; } = parameters;

    public QueryStatistics Statistics { get; } = new();

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
