using System.Text.Json;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>Reads response bodies with the running test's cancellation token.</summary>
internal static class Responses
{
    public static Task<string> TextAsync(this HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    public static Task<byte[]> BytesAsync(this HttpResponseMessage response) =>
        response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.TextAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
