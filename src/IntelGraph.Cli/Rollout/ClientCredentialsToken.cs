using System.Net.Http.Headers;
using System.Text.Json;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// Gets access tokens with the OAuth 2.0 client credentials grant from a token endpoint, such as the
/// server's development issuer or a Keycloak realm, and reuses each until shortly before it expires.
/// </summary>
internal sealed class ClientCredentialsToken(HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret, TimeProvider timeProvider)
{
    // A token is replaced this long before its expiry, so a request never carries one that expires on the way.
    private static readonly TimeSpan _renewBefore = TimeSpan.FromSeconds(30);

    private string? _token;
    private DateTimeOffset _expires;

    /// <exception cref="MetricsUnavailableException">The token endpoint is unreachable or rejected the client.</exception>
    public async Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken cancellationToken)
    {
        if (_token is null || timeProvider.GetUtcNow() >= _expires - _renewBefore)
        {
            (_token, _expires) = await RequestAsync(cancellationToken);
        }

        return new AuthenticationHeaderValue("Bearer", _token);
    }

    /// <summary>Forgets the current token, so the next request gets a new one after a 401 from a server that restarted with new keys.</summary>
    public void Reset() => _token = null;

    private async Task<(string Token, DateTimeOffset Expires)> RequestAsync(CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });

        string body;
        try
        {
            using var response = await http.PostAsync(tokenEndpoint, content, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new MetricsUnavailableException(
                    $"The token endpoint {tokenEndpoint} rejected client '{clientId}' with {(int)response.StatusCode}: {Shorten(body)}. Check --client-id and the client secret.");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new MetricsUnavailableException($"The token endpoint {tokenEndpoint} is unreachable: {ex.Message}.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricsUnavailableException($"The token request to {tokenEndpoint} timed out.", ex);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var token = json.RootElement.GetProperty("access_token").GetString()
                ?? throw new MetricsUnavailableException($"The token endpoint {tokenEndpoint} returned no access_token.");
            // RFC 6749 makes expires_in optional. Without it the token is renewed after 5 minutes, a short lifetime chosen without a source.
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(5);
            return (token, timeProvider.GetUtcNow() + lifetime);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MetricsUnavailableException($"The token endpoint {tokenEndpoint} returned a response that is not an OAuth token response: {Shorten(body)}.", ex);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
