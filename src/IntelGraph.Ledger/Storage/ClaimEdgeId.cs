using System.Text.Json;

namespace IntelGraph.Ledger.Storage;

/// <summary>Reads the <c>edgeId</c> member of a claim body: the id of the graph edge that the claim asserts.</summary>
public static class ClaimEdgeId
{
    /// <summary>Returns the top-level <c>edgeId</c> string, or null when the body has none or is not a JSON object.</summary>
    public static string? Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("edgeId", out var edgeId)
                && edgeId.ValueKind == JsonValueKind.String
                ? edgeId.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
