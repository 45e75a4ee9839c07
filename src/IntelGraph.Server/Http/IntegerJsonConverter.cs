using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntelGraph.Server.Http;

/// <summary>
/// Reads a 64-bit integer from any JSON number with an integral value, including the exponent and
/// fraction forms (<c>2e6</c>, <c>2000000.0</c>) that JSON writers produce for large numbers. A number
/// with a fractional part or outside the range of a long is rejected. Strings are never accepted.
/// </summary>
internal sealed class IntegerJsonConverter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("Expected a JSON number.");
        }

        if (reader.TryGetInt64(out var value))
        {
            return value;
        }

        // A decimal represents every long exactly and parses exponent forms. Numbers beyond its range fail here.
        if (reader.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue)
        {
            return (long)number;
        }

        throw new JsonException("Expected an integer that fits in 64 bits.");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
