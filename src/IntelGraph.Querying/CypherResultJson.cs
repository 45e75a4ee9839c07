using System.Text;
using System.Text.Json;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Querying;

/// <summary>
/// Writes a Cypher result as JSON: the rows, and for drawing, the distinct nodes and relationships that the
/// rows contain. The CLI's <c>--json</c> output and <c>POST /graph/query</c> share this shape.
/// </summary>
public static class CypherResultJson
{
    /// <summary>Writes the result as one JSON object: <c>columns</c>, <c>rows</c> and <c>graph</c> with <c>nodes</c> and <c>relationships</c>.</summary>
    public static void Write(Utf8JsonWriter json, CypherResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);

        var nodes = new SortedDictionary<long, NodeValue>();
        var relationships = new SortedDictionary<long, RelationshipValue>();
        json.WriteStartObject();
        json.WriteStartArray("columns");
        foreach (var column in result.Columns)
        {
            json.WriteStringValue(column);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            json.WriteStartArray();
            foreach (var value in row)
            {
                WriteValue(json, value, nodes, relationships);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartObject("graph");
        json.WriteStartArray("nodes");
        foreach (var node in nodes.Values)
        {
            WriteNode(json, node, nodes, relationships);
        }

        json.WriteEndArray();
        json.WriteStartArray("relationships");
        foreach (var relationship in relationships.Values)
        {
            WriteRelationship(json, relationship, nodes, relationships);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Returns the result as an indented JSON document of the shape <see cref="Write"/> writes.</summary>
    public static string ToJson(CypherResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(json, result);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter json, CypherValue value, SortedDictionary<long, NodeValue> nodes, SortedDictionary<long, RelationshipValue> relationships)
    {
        switch (value)
        {
            case NullValue:
                json.WriteNullValue();
                break;
            case BooleanValue boolean:
                json.WriteBooleanValue(boolean.Value);
                break;
            case IntegerValue integer:
                json.WriteNumberValue(integer.Value);
                break;
            case FloatValue { Value: var number } when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case StringValue text:
                json.WriteStringValue(text.Value);
                break;
            case ListValue list:
                json.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteValue(json, item, nodes, relationships);
                }

                json.WriteEndArray();
                break;
            case MapValue map:
                json.WriteStartObject();
                foreach (var (key, item) in map.Entries)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, item, nodes, relationships);
                }

                json.WriteEndObject();
                break;
            case NodeValue node:
                nodes.TryAdd(node.Id, node);
                WriteNode(json, node, nodes, relationships);
                break;
            case RelationshipValue relationship:
                relationships.TryAdd(relationship.Id, relationship);
                WriteRelationship(json, relationship, nodes, relationships);
                break;
            case PathValue path:
                json.WriteStartObject();
                json.WriteStartObject("path");
                json.WritePropertyName("nodes");
                WriteValue(json, new ListValue([.. path.Nodes.Cast<CypherValue>()]), nodes, relationships);
                json.WritePropertyName("relationships");
                WriteValue(json, new ListValue([.. path.Relationships.Cast<CypherValue>()]), nodes, relationships);
                json.WriteEndObject();
                json.WriteEndObject();
                break;
            default:
                // Temporal values, durations and non-finite floats have no JSON form; their Cypher literal is kept as text.
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteNode(Utf8JsonWriter json, NodeValue node, SortedDictionary<long, NodeValue> nodes, SortedDictionary<long, RelationshipValue> relationships)
    {
        json.WriteStartObject();
        json.WriteNumber("node", node.Id);
        json.WriteStartArray("labels");
        foreach (var label in node.Node.Labels)
        {
            json.WriteStringValue(label);
        }

        json.WriteEndArray();
        json.WritePropertyName("properties");
        WriteValue(json, new MapValue(node.Node.Properties.AsReadOnly()), nodes, relationships);
        json.WriteEndObject();
    }

    private static void WriteRelationship(
        Utf8JsonWriter json, RelationshipValue relationship, SortedDictionary<long, NodeValue> nodes, SortedDictionary<long, RelationshipValue> relationships)
    {
        json.WriteStartObject();
        json.WriteNumber("relationship", relationship.Id);
        json.WriteString("type", relationship.Relationship.Type);
        json.WriteNumber("start", relationship.Relationship.StartId);
        json.WriteNumber("end", relationship.Relationship.EndId);
        json.WritePropertyName("properties");
        WriteValue(json, new MapValue(relationship.Relationship.Properties.AsReadOnly()), nodes, relationships);
        json.WriteEndObject();
    }
}
