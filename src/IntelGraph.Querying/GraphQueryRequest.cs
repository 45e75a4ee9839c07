using IntelGraph.Core;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Querying;

/// <summary>One Cypher query against a tenant's graph.</summary>
/// <param name="Parameters">The values the query reads as <c>$name</c>; user input reaches the query only this way.</param>
/// <param name="CaseId">The case the query is asked for; its severity picks the budget when the tenant has set one for it.</param>
public sealed record GraphQueryRequest(
    TenantId Tenant,
    string Cypher,
    IReadOnlyDictionary<string, CypherValue> Parameters,
    string? CaseId = null);
