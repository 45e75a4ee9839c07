using System.Text.Json;
using System.Text.Json.Nodes;
using IntelGraph.Questions;
using IntelGraph.Questions.Execution;
using IntelGraph.Questions.Resolution;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Observability;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Graph;

/// <summary>
/// Questions about the tenant's graph in plain words: a preview of the Cypher a question becomes, with the
/// entities its names resolved to, and a run of exactly that previewed query.
/// </summary>
public static class QuestionEndpoints
{
    public static RouteGroupBuilder MapQuestionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/graph/nl").WithTags("Graph").RequireMatrixAccess().AddEndpointFilter<GraphQueryTimingFilter>();

        group.MapPost("", PreviewAsync)
            .WithName("PreviewQuestion")
            .WithSummary("Translate a question into Cypher and resolve the entities it names, without running anything.");
        group.MapPost("/execute", ExecuteAsync)
            .WithName("ExecutePreviewedQuestion")
            .WithSummary("Run the Cypher and parameters of a question preview, unchanged, and return the rows.");

        return group;
    }

    internal static async Task<Results<Ok<QuestionPreview>, ValidationProblem>> PreviewAsync(
        QuestionRequest request,
        Caller caller,
        RequestStores requestStores,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var question = InputRules.Text(errors, "question", request.Question, QuestionTranslator.MaxQuestionLength, required: true);
        if (question is null)
        {
            return errors.ToProblem();
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        var directory = await EntityDirectory.LoadAsync(stores.Graph, caller.Tenant, cancellationToken);
        var preview = new QuestionTranslator(directory).Translate(question);
        return TypedResults.Ok(await BudgetedQuestion.PlanAsync(preview, GraphQueryEndpoint.Service(stores), caller.Tenant, cancellationToken));
    }

    internal static async Task<Results<Ok<PreviewedQueryResult>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        PreviewedQueryRequest request,
        Caller caller,
        RequestStores requestStores,
        ServerMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Cypher))
        {
            return Problems.InvalidField("cypher", "cypher is required: the cypher of a preview from POST /graph/nl, unchanged.");
        }

        var form = PreviewedQuery.FindForm(request.Cypher);

        var stores = await requestStores.GetAsync(cancellationToken);
        Querying.GraphQueryOutcome outcome;
        try
        {
            var parameters = (request.Parameters ?? []).ToDictionary(pair => pair.Key, pair => PreviewedQuery.FromJson(pair.Value), StringComparer.Ordinal);
            outcome = await BudgetedQuestion.RunAsync(GraphQueryEndpoint.Service(stores), caller.Tenant, request.Cypher, parameters, cancellationToken);
        }
        catch (PreviewedQueryException ex)
        {
            return new FieldErrors().Add(ex.Field, ex.Message).ToProblem(ErrorCodes.QueryNotPreviewed);
        }

        if (GraphQueryEndpoint.Refusal(outcome, caller, metrics, loggerFactory.CreateLogger(typeof(QuestionEndpoints))) is { } refusal)
        {
            return refusal;
        }

        var result = outcome.Result!;
        return TypedResults.Ok(new PreviewedQueryResult(
            form!.Name,
            result.Columns,
            CypherRowJson.Rows(result),
            Querying.GraphQueryPlanView.From(outcome.Plan)));
    }
}

public sealed record QuestionRequest(string? Question);

/// <param name="Cypher">The <c>cypher</c> of a translated preview, character for character.</param>
/// <param name="Parameters">The <c>parameters</c> of the same preview: entity ids as strings, entity types as arrays of strings, or null.</param>
public sealed record PreviewedQueryRequest(string? Cypher, Dictionary<string, JsonElement>? Parameters);

/// <summary>The rows of a previewed query, each with one value per column.</summary>
/// <param name="Form">The form of the question the query came from.</param>
/// <param name="Plan">The query's estimate and the budget it ran under.</param>
public sealed record PreviewedQueryResult(string Form, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<JsonNode?>> Rows, Querying.GraphQueryPlanView Plan);
