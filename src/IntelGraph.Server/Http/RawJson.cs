using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntelGraph.Server.Http;

/// <summary>
/// A JSON value written into a response exactly as stored, byte for byte, such as a ledger claim. The
/// bytes must already be one valid JSON value; they are not parsed again on the way out.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(ReadOnlyMemory<byte> utf8Json)
{
    public ReadOnlyMemory<byte> Utf8Json { get; } = utf8Json;
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
}
