using IntelGraph.Core;

namespace IntelGraph.Questions.Execution;

/// <summary>A query sent to run as a preview that no preview produces, or parameters that do not fit its template.</summary>
/// <param name="Field">The request field at fault: <c>cypher</c> or <c>parameters</c>.</param>
public sealed class PreviewedQueryException(string field, string message) : IntelGraphException(message)
{
    public string Field { get; } = field;
}
