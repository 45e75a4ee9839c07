using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Core;

namespace IntelGraph.Edge;

/// <summary>Calls a running edge's switch endpoints, as <c>intelgraph switch</c> and <c>intelgraph rollback</c> do.</summary>
public sealed class EdgeAdminClient(HttpClient http, Uri admin)
{
    /// <summary>The admin address that <c>deploy/edge/edge.json</c> configures, used when none is given.</summary>
    public const string DefaultAdmin = "http://127.0.0.1:8099";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <exception cref="EdgeAdminException">The edge is unreachable or rejected the move. The message gives the reason.</exception>
    public Task<EdgeStatus> SwitchAsync(EdgeSwitchRequest request, CancellationToken cancellationToken) =>
        PostAsync("switch", request, cancellationToken);

    /// <exception cref="EdgeAdminException">The edge is unreachable or rejected the move. The message gives the reason.</exception>
    public Task<EdgeStatus> RollbackAsync(EdgeRollbackRequest request, CancellationToken cancellationToken) =>
        PostAsync("rollback", request, cancellationToken);

    /// <exception cref="EdgeAdminException">The edge is unreachable or returned an error.</exception>
    public async Task<EdgeStatus> GetStateAsync(CancellationToken cancellationToken)
    {
        var address = new Uri(admin, $"{EdgeAdminEndpoints.Prefix.TrimStart('/')}/state");
        try
        {
            return await http.GetFromJsonAsync<EdgeStatus>(address, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new EdgeAdminException("The edge returned an empty state.");
        }
        catch (HttpRequestException ex)
        {
            throw new EdgeAdminException($"The edge's admin address {admin} did not return its state: {ex.Message}. Check that intelgraph edge runs on this machine and the address matches its configuration.");
        }
    }

    private async Task<EdgeStatus> PostAsync<T>(string action, T request, CancellationToken cancellationToken)
    {
        var address = new Uri(admin, $"{EdgeAdminEndpoints.Prefix.TrimStart('/')}/{action}");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(address, request, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new EdgeAdminException($"The edge's admin address {admin} is unreachable: {ex.Message}. Check that intelgraph edge runs on this machine and --admin matches its configuration.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var detail = TryDetail(body) ?? body;
                throw new EdgeAdminException($"The edge rejected the {action} with {(int)response.StatusCode}: {detail}");
            }

            return JsonSerializer.Deserialize<EdgeStatus>(body, Json)
                ?? throw new EdgeAdminException($"The edge returned an empty response to the {action}.");
        }
    }

    private static string? TryDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A switch or rollback that did not happen: the edge is unreachable or rejected it.</summary>
public sealed class EdgeAdminException(string message) : IntelGraphException(message);
