using System.Diagnostics;
using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Planning;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Querying;

/// <summary>
/// Plans and runs Cypher queries over a tenant's graph: estimate the cost, hold it to the tenant's budget
/// before anything runs, and run an allowed query with the budget as a hard limit on rows read and time.
/// Queries run on a read-only copy of the graph; a query that changes the copy is refused afterwards.
/// </summary>
public sealed class GraphQueryService(IGraphStore graph, IBudgetStore budgets, ICaseStore cases, QueryCostModel costModel)
{
    public const string ReadOnlyMessage =
        "The query changes the graph, but queries run on a read-only copy of the tenant's graph; nothing was changed. Remove CREATE, MERGE, SET, REMOVE and DELETE.";

    /// <summary>Estimates the query and decides whether its budget allows it, without running it.</summary>
    /// <exception cref="CypherException">The query is invalid; the exception names the line and column.</exception>
    /// <exception cref="InvalidInputException">The request names a case the tenant does not have.</exception>
    public async Task<GraphQueryPlan> PlanAsync(GraphQueryRequest request, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, cancellationToken);
        return prepared.Plan;
    }

    /// <summary>Plans the query and, when its budget allows it, runs it within that budget.</summary>
    /// <exception cref="CypherException">The query is invalid or failed while running (other than by going past its limits).</exception>
    /// <exception cref="InvalidInputException">The request names a case the tenant does not have.</exception>
    /// <exception cref="InvalidInputException">The query changed its read-only copy of the graph; nothing was saved.</exception>
    public async Task<GraphQueryOutcome> ExecuteAsync(GraphQueryRequest request, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, cancellationToken);
        if (!prepared.Plan.Allowed)
        {
            return new GraphQueryOutcome(GraphQueryStatus.Denied, prepared.Plan, null, null, 0, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        CypherResult result;
        try
        {
            result = CypherEngine.Execute(prepared.Graph, request.Cypher, request.Parameters, prepared.Plan.Limits, cancellationToken);
        }
        catch (CypherException ex) when (ex.Category == QueryLimitErrors.Category)
        {
            return new GraphQueryOutcome(GraphQueryStatus.Stopped, prepared.Plan, null, ex.Message, 0, clock.Elapsed);
        }

        if (result.Statistics.ContainsUpdates)
        {
            throw new InvalidInputException(ReadOnlyMessage);
        }

        return new GraphQueryOutcome(GraphQueryStatus.Completed, prepared.Plan, result, null, result.Statistics.RowsRead, clock.Elapsed);
    }

    private async Task<(InMemoryPropertyGraph Graph, GraphQueryPlan Plan)> PrepareAsync(GraphQueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var (budget, source) = await BudgetSelection.SelectAsync(budgets, cases, request.Tenant, request.CaseId, cancellationToken);
        var snapshot = await TenantGraphSnapshot.LoadAsync(graph, request.Tenant, cancellationToken);
        var estimate = CypherEngine.Estimate(GraphStatistics.Collect(snapshot), request.Cypher, request.Parameters, costModel);
        var decision = QueryBudgetCheck.Evaluate(budget, new QueryEstimate(estimate.Milliseconds, estimate.RowsTouched));
        return (snapshot, new GraphQueryPlan(estimate, budget, source, decision));
    }
}
