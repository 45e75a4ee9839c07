using System.CommandLine;
using System.Text.Json;
using IntelGraph.Cli.Output;
using IntelGraph.Core;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Planning;
using IntelGraph.Querying;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph query</c>: estimates a read-only Cypher query, checks it against the tenant's budget and runs it.</summary>
internal static class QueryCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var cypher = new Argument<string>("cypher") { Description = "The Cypher query, for example \"MATCH (g:`intrusion-set`) RETURN g.label LIMIT 5\"." };
        var tenant = CommonOptions.Tenant();
        var parameters = new Option<string[]>("--param")
        {
            Description = "A query parameter as NAME=VALUE, used in the query as $NAME; VALUE is read as JSON when it is valid JSON, else as text. Repeat for more.",
            AllowMultipleArgumentsPerToken = false,
        };
        var caseId = new Option<string?>("--case")
        {
            Description = "The case the query is for: when the case has a severity and the tenant set a budget for it, that budget applies.",
        };
        var planOnly = new Option<bool>("--plan")
        {
            Description = "Show the estimate and the budget's decision without running the query.",
        };
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command(
            "query",
            "Run a read-only Cypher query over a tenant's graph: entities are nodes labelled with their type, edges are relationships of their type. "
            + "The query is estimated first and held to the tenant's query budget.")
        {
            cypher, tenant, parameters, caseId, planOnly, json, database,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var request = new GraphQueryRequest(
                CliEnvironment.ParseTenant(parse.GetValue(tenant)),
                parse.GetValue(cypher)!,
                ParseParameters(parse.GetValue(parameters) ?? []),
                parse.GetValue(caseId));
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var service = new GraphQueryService(stores.Graph, stores.Budgets, stores.Cases, QueryCostModel.Default);

            try
            {
                if (parse.GetValue(planOnly))
                {
                    var plan = await service.PlanAsync(request, cancellationToken);
                    await WritePlanAsync(environment, plan, parse.GetValue(json));
                    return plan.Allowed ? ExitCodes.Ok : ExitCodes.BudgetDenied;
                }

                var outcome = await service.ExecuteAsync(request, cancellationToken);
                return await WriteOutcomeAsync(environment, outcome, parse.GetValue(json));
            }
            catch (InvalidInputException ex)
            {
                // A query that writes, or names a case the tenant lacks, is a usage error like a syntax error.
                await environment.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (CypherException ex)
            {
                // The engine's message already names the line and column in the query.
                await environment.Error.WriteLineAsync($"error: {ex.Category} ({ex.Detail}): {ex.Message}");
                return ex.Phase == CypherErrorPhase.CompileTime ? ExitCodes.Usage : ExitCodes.Failure;
            }
        }, cancellationToken));

        return command;
    }

    private static async Task WritePlanAsync(CliEnvironment environment, GraphQueryPlan plan, bool json)
    {
        if (json)
        {
            await CliJson.WriteAsync(environment.Out, GraphQueryPlanView.From(plan));
            return;
        }

        await environment.Out.WriteLineAsync(DescribePlan(plan));
    }

    private static async Task<int> WriteOutcomeAsync(CliEnvironment environment, GraphQueryOutcome outcome, bool json)
    {
        if (outcome.Status == GraphQueryStatus.Completed)
        {
            if (json)
            {
                await CypherResultOutput.WriteJsonAsync(environment.Out, outcome.Result!);
            }
            else
            {
                await CypherResultOutput.WriteTextAsync(environment.Out, outcome.Result!);
            }

            await environment.Error.WriteLineAsync(
                $"{DescribePlan(outcome.Plan)}; read {outcome.RowsTouched} rows in {outcome.Elapsed.TotalMilliseconds:0} ms");
            return ExitCodes.Ok;
        }

        if (json)
        {
            await CliJson.WriteAsync(environment.Out, new { status = outcome.Status.ToString().ToLowerInvariant(), plan = GraphQueryPlanView.From(outcome.Plan), reason = outcome.StopReason });
        }

        var reason = outcome.Status == GraphQueryStatus.Denied
            ? string.Join(" ", outcome.Plan.Decision.Violations.Select(violation => violation.Reason))
            : outcome.StopReason;
        await environment.Error.WriteLineAsync($"error: query {(outcome.Status == GraphQueryStatus.Denied ? "denied by" : "stopped by")} the {outcome.Plan.BudgetSource} budget: {reason}");
        return ExitCodes.BudgetDenied;
    }

    private static string DescribePlan(GraphQueryPlan plan) =>
        $"estimate: {plan.Estimate.RowsTouched} rows touched, {plan.Estimate.RowsReturned} returned, {plan.Estimate.Milliseconds} ms; "
        + $"{plan.BudgetSource} budget: {plan.Budget.MaxRows} rows, {plan.Budget.MaxMilliseconds} ms; {(plan.Allowed ? "allowed" : "denied")}";

    private static Dictionary<string, CypherValue> ParseParameters(IEnumerable<string> parameters)
    {
        var values = new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidInputException($"Invalid --param '{parameter}': expected NAME=VALUE, for example --param name=Sandworm.");
            }

            var text = parameter[(equals + 1)..];
            CypherValue value;
            try
            {
                using var document = JsonDocument.Parse(text);
                value = CypherParameters.FromJson(document.RootElement);
            }
            catch (JsonException)
            {
                value = new StringValue(text);
            }

            values[parameter[..equals]] = value;
        }

        return values;
    }
}
