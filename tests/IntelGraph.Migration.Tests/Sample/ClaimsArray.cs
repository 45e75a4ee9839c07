using System.Text.Json;

namespace IntelGraph.Migration.Tests.Sample;

/// <summary>One element of <c>claims.json</c>: its exact bytes, the line it starts on and, for objects, the parsed value.</summary>
internal sealed record ClaimElement(long Line, byte[] Raw, JsonValueKind Kind, string? Id, string? Hash)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Raw);
}

/// <summary>Splits a <c>claims.json</c> file into its top-level elements without re-serializing them.</summary>
internal static class ClaimsArray
{
    public static List<ClaimElement> Read(byte[] file)
    {
        var elements = new List<ClaimElement>();
        var reader = new Utf8JsonReader(file);
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.StartArray, reader.TokenType);

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int start = (int)reader.TokenStartIndex;
            JsonTokenType startToken = reader.TokenType;
            reader.Skip();
            int end = (int)reader.BytesConsumed;
            byte[] raw = file[start..end];
            long line = 1 + file.AsSpan(0, start).Count((byte)'\n');

            using JsonDocument document = JsonDocument.Parse(raw);
            JsonElement root = document.RootElement;
            string? id = null;
            string? hash = null;
            if (startToken == JsonTokenType.StartObject)
            {
                id = root.TryGetProperty("id", out JsonElement idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
                hash = root.TryGetProperty("hash", out JsonElement hashValue) ? hashValue.GetString() : null;
            }

            elements.Add(new ClaimElement(line, raw, root.ValueKind, id, hash));
        }

        Assert.False(reader.Read(), "claims.json has content after its array.");
        return elements;
    }
}
