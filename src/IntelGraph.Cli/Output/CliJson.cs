using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntelGraph.Cli.Output;

/// <summary>The JSON settings of every <c>--json</c> output: camelCase, indented, non-ASCII kept readable.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Task WriteAsync<T>(TextWriter writer, T value) => writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));
}
