using IntelGraph.Core;

namespace IntelGraph.Analytics;

/// <summary>A request names an entity or edge that the graph does not have, or a parameter out of range.</summary>
/// <param name="field">The request field at fault, such as <c>from</c> or <c>withoutEdge</c>.</param>
/// <param name="notFound">True when the field names an entity or edge that the tenant's graph does not have.</param>
public sealed class AnalyticsInputException(string field, string message, bool notFound = false) : IntelGraphException(message)
{
    public string Field { get; } = field;

    public bool NotFound { get; } = notFound;
}
