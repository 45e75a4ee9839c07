using IntelGraph.Core;
using IntelGraph.Querying;

namespace IntelGraph.Questions.Execution;

/// <summary>
/// Holds a question's query to the tenant's budget, like any other graph query: the preview shows the estimate
/// and the verdict, and a run goes through <see cref="GraphQueryService"/> with the budget as its limit.
/// </summary>
public static class BudgetedQuestion
{
    /// <summary>Returns the preview with its plan filled in; a question that was not translated is returned as it is.</summary>
    public static async Task<QuestionPreview> PlanAsync(QuestionPreview preview, GraphQueryService queries, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(queries);

        if (preview.Outcome != QuestionOutcome.Translated)
        {
            return preview;
        }

        var plan = await queries.PlanAsync(Request(tenant, preview.Cypher!, preview.Parameters), cancellationToken);
        return preview with { Plan = GraphQueryPlanView.From(plan) };
    }

    /// <summary>Checks that the query is a previewed one (see <see cref="PreviewedQuery.Bind"/>) and runs it within the tenant's budget.</summary>
    /// <exception cref="PreviewedQueryException">The text is no template, or a parameter is missing, extra or of the wrong type.</exception>
    public static Task<GraphQueryOutcome> RunAsync(
        GraphQueryService queries,
        TenantId tenant,
        string cypher,
        IReadOnlyDictionary<string, object?> parameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);

        return queries.ExecuteAsync(Request(tenant, cypher, parameters), cancellationToken);
    }

    private static GraphQueryRequest Request(TenantId tenant, string cypher, IReadOnlyDictionary<string, object?> parameters) =>
        new(tenant, cypher, PreviewedQuery.Bind(cypher, parameters));
}
