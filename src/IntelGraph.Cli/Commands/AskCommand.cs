using System.CommandLine;
using IntelGraph.Cli.Output;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Planning;
using IntelGraph.Querying;
using IntelGraph.Questions;
using IntelGraph.Questions.Execution;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph ask</c>: previews the Cypher a question becomes and, with <c>--run</c>, runs exactly that query.</summary>
internal static class AskCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var question = new Argument<string>("question") { Description = "The question, for example \"Who uses Spearphishing Attachment?\". Ask an unsupported one to see the supported forms." };
        var tenant = CommonOptions.Tenant();
        var run = new Option<bool>("--run") { Description = "Run the previewed query and print its rows after the preview." };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("ask", "Translate a question about a tenant's graph into Cypher, show the entities its names resolved to and, with --run, run that query.")
        {
            question, tenant, run, json, database,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var directory = await EntityDirectory.LoadAsync(stores.Graph, tenantId, cancellationToken);
            var queries = new GraphQueryService(stores.Graph, stores.Budgets, stores.Cases, QueryCostModel.Default);
            var preview = await BudgetedQuestion.PlanAsync(
                new QuestionTranslator(directory).Translate(parse.GetValue(question)!), queries, tenantId, cancellationToken);

            CypherResult? result = null;
            GraphQueryOutcome? refused = null;
            if (parse.GetValue(run) && preview.Outcome == QuestionOutcome.Translated)
            {
                var outcome = await BudgetedQuestion.RunAsync(queries, tenantId, preview.Cypher!, preview.Parameters, cancellationToken);
                result = outcome.Result;
                refused = outcome.Status == GraphQueryStatus.Completed ? null : outcome;
            }

            if (parse.GetValue(json))
            {
                await QuestionPreviewOutput.WriteJsonAsync(environment.Out, preview, result);
                if (preview.Outcome != QuestionOutcome.Translated)
                {
                    // The text output already shows the message; a script reading JSON also gets it on standard error.
                    await environment.Error.WriteLineAsync($"error: {preview.Message}");
                }
            }
            else
            {
                await QuestionPreviewOutput.WriteTextAsync(environment.Out, preview);
                if (result is not null)
                {
                    await environment.Out.WriteLineAsync();
                    await CypherResultOutput.WriteTextAsync(environment.Out, result);
                }
            }

            if (refused is not null)
            {
                var reason = refused.Status == GraphQueryStatus.Denied
                    ? string.Join(" ", refused.Plan.Decision.Violations.Select(violation => violation.Reason))
                    : refused.StopReason;
                await environment.Error.WriteLineAsync($"error: query {(refused.Status == GraphQueryStatus.Denied ? "denied by" : "stopped by")} the {refused.Plan.BudgetSource} budget: {reason}");
                return ExitCodes.BudgetDenied;
            }

            return preview.Outcome switch
            {
                QuestionOutcome.Translated => ExitCodes.Ok,
                QuestionOutcome.Ambiguous or QuestionOutcome.EntityNotFound => ExitCodes.Failure,
                _ => ExitCodes.Usage,
            };
        }, cancellationToken));

        return command;
    }
}
