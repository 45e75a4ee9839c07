using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>What every part of one query run shares: the graph, the parameters, the counters and the cancellation token.</summary>
internal sealed class QueryContext(IPropertyGraph graph, IReadOnlyDictionary<string, CypherValue> parameters, CancellationToken cancellationToken)
{
    public IPropertyGraph Graph { get; } = graph;

    public IReadOnlyDictionary<string, CypherValue> Parameters { get; } = parameters;

    public QueryStatistics Statistics { get; } = new();

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
