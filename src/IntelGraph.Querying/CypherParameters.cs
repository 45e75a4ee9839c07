using System.Text.Json;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Querying;

/// <summary>Reads query parameters from JSON: numbers without a fraction become integers, objects become maps.</summary>
public static class CypherParameters
{
    public static CypherValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => NullValue.Instance,
        JsonValueKind.True => new BooleanValue(true),
        JsonValueKind.False => new BooleanValue(false),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => new IntegerValue(integer),
        JsonValueKind.Number => new FloatValue(ReadFloat(element)),
        JsonValueKind.String => new StringValue(ReadString(element)),
        JsonValueKind.Array => new ListValue([.. element.EnumerateArray().Select(FromJson)]),
        _ => new MapValue(element.EnumerateObject().ToDictionary(property => property.Name, property => FromJson(property.Value), StringComparer.Ordinal)),
    };

    /// <summary>Reads a JSON object of named parameters; null or absent gives no parameters.</summary>
    /// <exception cref="ArgumentException">The element is neither an object nor null, a string in it is not valid Unicode text, or a number in it is beyond the range of a double.</exception>
    public static IReadOnlyDictionary<string, CypherValue> FromJsonObject(JsonElement? element)
    {
        if (element is null || element.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        }

        if (element.Value.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("Parameters must be a JSON object of names and values.", nameof(element));
        }

        return element.Value.EnumerateObject().ToDictionary(property => property.Name, property => FromJson(property.Value), StringComparer.Ordinal);
    }

    private static double ReadFloat(JsonElement element)
    {
        // A number beyond the double range, such as 1e400, parses as infinity, which JSON cannot express.
        var value = element.GetDouble();
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"The parameter number {element.GetRawText()} is outside the range of a 64-bit float. Send a number of at most about 1.8e308 in size.");
        }

        return value;
    }

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate such as "\ud800" is valid JSON syntax but cannot become a .NET string.
            throw new ArgumentException("A parameter string contains an unpaired surrogate escape, which is not valid Unicode text. Send the character itself or a complete surrogate pair.");
        }
    }
}
