using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Release.Target;

/// <summary>
/// Talks to the target server as a real client does: mints tokens at its OpenID Connect token endpoint
/// with the client credentials grant, and sends requests with them.
/// </summary>
public sealed class TargetClient(HttpClient http, string realm = TargetClient.DefaultRealm)
{
    public const string DefaultRealm = "intelgraph";

    public Uri BaseAddress => http.BaseAddress ?? throw new InvalidOperationException("The target client has no base address.");

    public string TokenPath => $"/auth/realms/{realm}/protocol/openid-connect/token";

    /// <summary>Creates a client for the target URL with a per-request time limit.</summary>
    /// <exception cref="InvalidInputException">The URL is not an absolute http or https URL.</exception>
    public static HttpClient CreateHttpClient(string target, TimeSpan timeout)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidInputException($"The target '{target}' is not an absolute http or https URL, such as http://127.0.0.1:8080.");
        }

        return new HttpClient { BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority)), Timeout = timeout };
    }

    /// <summary>Mints a token with the client credentials grant, or returns why it could not.</summary>
    public async Task<(string? Token, string? Error)> MintTokenAsync(ClientCredential credential, CancellationToken cancellationToken)
    {
        var secret = credential.ReadSecret();
        if (string.IsNullOrEmpty(secret))
        {
            return (null, $"the secret of client {credential.ClientId} is missing or empty ({credential.SecretSource}).");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credential.ClientId,
            ["client_secret"] = secret,
        });
        using var response = await http.PostAsync(TokenPath, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The OAuth error body names the error code only; it never echoes the secret.
            return (null, $"the token endpoint returned {(int)response.StatusCode} for client {credential.ClientId}: {body}");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
                ? (token.GetString(), null)
                : (null, $"the token endpoint's response for client {credential.ClientId} has no access_token.");
        }
        catch (JsonException)
        {
            return (null, $"the token endpoint's response for client {credential.ClientId} is not JSON.");
        }
    }

    /// <summary>Mints a token and reads the caller's tenant and roles from <c>GET /me</c>.</summary>
    public async Task<(TargetCaller? Caller, string? Error)> SignInAsync(ClientCredential credential, CancellationToken cancellationToken)
    {
        var (token, error) = await MintTokenAsync(credential, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return (null, error);
        }

        var me = await SendAsync(HttpMethod.Get, "/me", token, json: null, cancellationToken).ConfigureAwait(false);
        if (me.Status != 200)
        {
            return (null, $"GET /me with the token of client {credential.ClientId} returned {me.Status}: {me.Excerpt()}");
        }

        using var document = JsonDocument.Parse(me.Body);
        var root = document.RootElement;
        var tenant = root.TryGetProperty("tenant", out var tenantElement) && tenantElement.ValueKind == JsonValueKind.String
            ? tenantElement.GetString()
            : null;
        var roles = root.TryGetProperty("roles", out var rolesElement) && rolesElement.ValueKind == JsonValueKind.Array
            ? rolesElement.EnumerateArray().Select(role => role.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : [];
        return (new TargetCaller(credential.ClientId, token, tenant, roles), null);
    }

    /// <summary>Sends a request with an optional bearer token and an optional JSON body, and reads the whole response.</summary>
    public async Task<TargetResponse> SendAsync(HttpMethod method, string path, string? token, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new TargetResponse((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// Returns the operations the target's OpenAPI document (<c>/openapi/v1.json</c>) lists, as
    /// <c>METHOD /path</c> in upper-case method; an empty set when the document cannot be read.
    /// </summary>
    public async Task<IReadOnlySet<string>> ReadOfferedOperationsAsync(CancellationToken cancellationToken)
    {
        var operations = new HashSet<string>(StringComparer.Ordinal);
        TargetResponse response;
        try
        {
            response = await SendAsync(HttpMethod.Get, "/openapi/v1.json", token: null, json: null, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // An unreachable target offers nothing; the health check reports why.
            return operations;
        }

        if (response.Status != 200 || response.ContentType != "application/json")
        {
            return operations;
        }

        using var document = JsonDocument.Parse(response.Body);
        if (!document.RootElement.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            return operations;
        }

        foreach (var path in paths.EnumerateObject())
        {
            if (path.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var operation in path.Value.EnumerateObject())
            {
                operations.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        return operations;
    }
}
