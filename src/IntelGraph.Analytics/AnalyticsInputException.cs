using IntelGraph.Core;

namespace IntelGraph.Analytics;

/// <summary>A request names an entity or edge that the graph does not have, or a parameter out of range.</summary>
/// <param name="field">The request field at fault, such as <c>from</c> or <c>withoutEdge</c>.</param>
public sealed class AnalyticsInputException(string field, string message) : IntelGraphException(message)
{
    public string Field { get; } = field;
}
