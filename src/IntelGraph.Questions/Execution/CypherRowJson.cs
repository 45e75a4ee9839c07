using System.Text.Json.Nodes;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Questions.Execution;

/// <summary>Converts the values of Cypher result rows to JSON, for the API and for <c>intelgraph ask --json</c>.</summary>
public static class CypherRowJson
{
    /// <summary>
    /// Returns the JSON form of a value: null, a boolean, a number, a string, an array or an object. Nodes,
    /// relationships, paths, temporal values and non-finite floats have no JSON form, so their Cypher literal is
    /// written as a string. The question templates return none of them.
    /// </summary>
    public static JsonNode? ToJson(CypherValue value) => value switch
    {
        NullValue => null,
        BooleanValue boolean => JsonValue.Create(boolean.Value),
        IntegerValue integer => JsonValue.Create(integer.Value),
        FloatValue { Value: var number } when double.IsFinite(number) => JsonValue.Create(number),
        StringValue text => JsonValue.Create(text.Value),
        ListValue list => new JsonArray([.. list.Items.Select(ToJson)]),
        MapValue map => new JsonObject(map.Entries.Select(entry => KeyValuePair.Create(entry.Key, ToJson(entry.Value)))),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Returns the rows of a result as JSON arrays, one value per column.</summary>
    public static IReadOnlyList<IReadOnlyList<JsonNode?>> Rows(CypherResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Rows.Select(row => (IReadOnlyList<JsonNode?>)[.. row.Select(ToJson)])];
    }
}
