using System.Text.Json;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Planning;
using IntelGraph.Querying;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Observability;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Graph;

/// <summary>
/// <c>POST /graph/query</c>: a read-only Cypher query over the caller's tenant graph, estimated first and held
/// to the tenant's budget (or its case severity's budget) before it runs, then run with that budget as a hard limit.
/// </summary>
public static class GraphQueryEndpoint
{
    public const int MaxQueryLength = 20_000;

    internal static async Task<Results<Ok<GraphQueryResponse>, ValidationProblem, ProblemHttpResult>> QueryAsync(
        GraphQueryBody body,
        Caller caller,
        RequestStores requestStores,
        ServerMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(GraphQueryEndpoint));
        var errors = new FieldErrors();
        var cypher = InputRules.Text(errors, "cypher", body.Cypher, MaxQueryLength, required: true);
        IReadOnlyDictionary<string, Cypher.Values.CypherValue>? parameters = null;
        try
        {
            parameters = CypherParameters.FromJsonObject(body.Params);
        }
        catch (ArgumentException exception)
        {
            errors.Add("params", body.Params is { ValueKind: JsonValueKind.Object }
                ? exception.Message
                : "params must be a JSON object of parameter names and values, such as {\"name\": \"Sandworm Team\"}.");
        }

        if (cypher is null || parameters is null)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        GraphQueryOutcome outcome;
        try
        {
            outcome = await Service(stores).ExecuteAsync(new GraphQueryRequest(caller.Tenant, cypher, parameters, body.CaseId), cancellationToken);
        }
        catch (CypherException ex)
        {
            ServerLog.GraphQueryInvalid(logger, caller.Tenant.Value, ex.Category, ex.Detail, ex.Line, ex.Column);
            return CypherProblem(ex);
        }

        if (Refusal(outcome, caller, metrics, logger) is { } refusal)
        {
            return refusal;
        }

        var result = JsonDocument.Parse(CypherResultJson.ToJson(outcome.Result!)).RootElement;
        return TypedResults.Ok(new GraphQueryResponse(GraphQueryPlanView.From(outcome.Plan), outcome.RowsTouched, (long)outcome.Elapsed.TotalMilliseconds, result));
    }

    internal static GraphQueryService Service(IntelGraph.Storage.StoreSession stores) =>
        new(stores.Graph, stores.Budgets, stores.Cases, QueryCostModel.Default);

    /// <summary>Returns the 403 problem for a query the budget denied or stopped, counted in the metrics, or null for a completed one.</summary>
    internal static ProblemHttpResult? Refusal(GraphQueryOutcome outcome, Caller caller, ServerMetrics metrics, ILogger logger)
    {
        var plan = GraphQueryPlanView.From(outcome.Plan);
        if (outcome.Status != GraphQueryStatus.Completed)
        {
            var reason = outcome.Status == GraphQueryStatus.Denied ? string.Join(" ", plan.Reasons) : outcome.StopReason!;
            ServerLog.GraphQueryRejected(logger, caller.Tenant.Value, outcome.Status == GraphQueryStatus.Denied ? "denied" : "stopped", outcome.Plan.BudgetSource, reason);
        }

        switch (outcome.Status)
        {
            case GraphQueryStatus.Denied:
                metrics.RecordBudgetDenial(caller.Tenant);
                return WithPlan(
                    Problems.Forbidden(ErrorCodes.QueryBudgetDenied, "The query's estimate exceeds its budget, so it did not run. " + string.Join(" ", plan.Reasons)),
                    plan);
            case GraphQueryStatus.Stopped:
                metrics.RecordQueryStop(caller.Tenant);
                return WithPlan(Problems.Forbidden(ErrorCodes.QueryLimitExceeded, outcome.StopReason!), plan);
            default:
                return null;
        }
    }

    private static ProblemHttpResult WithPlan(ProblemHttpResult problem, GraphQueryPlanView plan)
    {
        problem.ProblemDetails.Extensions["plan"] = plan;
        return problem;
    }

    private static ProblemHttpResult CypherProblem(CypherException ex)
    {
        var problem = Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.CypherError, "Invalid query", ex.Message);
        problem.ProblemDetails.Extensions["category"] = ex.Category;

        // RFC 9457 reserves "detail" for the message above. A second "detail" member would replace it in
        // parsers that keep the last duplicate, such as jq and JavaScript's JSON.parse.
        problem.ProblemDetails.Extensions["detailCode"] = ex.Detail;
        problem.ProblemDetails.Extensions["line"] = ex.Line;
        problem.ProblemDetails.Extensions["column"] = ex.Column;
        return problem;
    }
}

/// <summary>The body of <c>POST /graph/query</c>.</summary>
/// <param name="Params">Named values the query reads as <c>$name</c>; put user input here, never into the query text.</param>
/// <param name="CaseId">The case the query is for; its severity's budget applies when the tenant set one.</param>
public sealed record GraphQueryBody(string? Cypher, JsonElement? Params, string? CaseId);

/// <summary>A completed query: its plan, what it read, and its result with rows and the graph they contain.</summary>
/// <param name="Result">An object with <c>columns</c>, <c>rows</c> and <c>graph</c> (<c>nodes</c> and <c>relationships</c>, for drawing).</param>
public sealed record GraphQueryResponse(GraphQueryPlanView Plan, long RowsRead, long ElapsedMs, JsonElement Result);
