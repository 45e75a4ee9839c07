using System.CommandLine;
using System.Text.Json;
using IntelGraph.Cli.Output;
using IntelGraph.Core;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cli.Commands;

/// <summary><c>intelgraph query</c>: runs a read-only Cypher query over a tenant's graph.</summary>
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
        var json = CommonOptions.Json();
        var database = CommonOptions.Database();
        var command = new Command("query", "Run a read-only Cypher query over a tenant's graph: entities are nodes labelled with their type, edges are relationships of their type.")
        {
            cypher, tenant, parameters, json, database,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var tenantId = CliEnvironment.ParseTenant(parse.GetValue(tenant));
            var values = ParseParameters(parse.GetValue(parameters) ?? []);
            await using var stores = await environment.OpenStoresAsync(parse.GetValue(database), cancellationToken);
            var graph = await TenantGraphSnapshot.LoadAsync(stores.Graph, tenantId, cancellationToken);

            CypherResult result;
            try
            {
                result = CypherEngine.Execute(graph, parse.GetValue(cypher)!, values, cancellationToken);
            }
            catch (CypherException ex)
            {
                // The engine's message already names the line and column in the query.
                await environment.Error.WriteLineAsync($"error: {ex.Category} ({ex.Detail}): {ex.Message}");
                return ex.Phase == CypherErrorPhase.CompileTime ? ExitCodes.Usage : ExitCodes.Failure;
            }

            var changes = result.Statistics;
            if (changes.NodesCreated + changes.NodesDeleted + changes.RelationshipsCreated + changes.RelationshipsDeleted
                + changes.PropertiesSet + changes.LabelsAdded + changes.LabelsRemoved > 0)
            {
                await environment.Error.WriteLineAsync(
                    "error: the query changes the graph, but queries run on a read-only copy of the tenant's graph; nothing was changed. Remove CREATE, MERGE, SET, REMOVE and DELETE.");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(json))
            {
                await CypherResultOutput.WriteJsonAsync(environment.Out, result);
            }
            else
            {
                await CypherResultOutput.WriteTextAsync(environment.Out, result);
            }

            return ExitCodes.Ok;
        }, cancellationToken));

        return command;
    }

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
                value = FromJson(document.RootElement);
            }
            catch (JsonException)
            {
                value = new StringValue(text);
            }

            values[parameter[..equals]] = value;
        }

        return values;
    }

    private static CypherValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => NullValue.Instance,
        JsonValueKind.True => new BooleanValue(true),
        JsonValueKind.False => new BooleanValue(false),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new IntegerValue(integer),
        JsonValueKind.Number => new FloatValue(element.GetDouble()),
        JsonValueKind.String => new StringValue(element.GetString()!),
        JsonValueKind.Array => new ListValue([.. element.EnumerateArray().Select(FromJson)]),
        _ => new MapValue(element.EnumerateObject().ToDictionary(property => property.Name, property => FromJson(property.Value), StringComparer.Ordinal)),
    };
}
