using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher;

/// <summary>The outcome of one query: the column names in order, the rows (each with one value per column) and the change counts.</summary>
public sealed record CypherResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<CypherValue>> Rows, QueryStatistics Statistics);
