using System.Text;
using System.Text.Json;

namespace IntelGraph.Core;

/// <summary>Finds the line of each top-level property of a JSON file, so a configuration error can name its line.</summary>
public static class JsonPropertyLines
{
    /// <summary>Returns the 1-based line of each top-level property, because deserialised values carry no position.</summary>
    /// <remarks>Comments are skipped; text that is not JSON yields the lines read before the error.</remarks>
    public static Dictionary<string, long> Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    lines[reader.GetString()!] = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                }
            }
        }
        catch (JsonException)
        {
            // The deserialiser reports the syntax error itself; the lines found so far still help.
        }

        return lines;
    }
}
