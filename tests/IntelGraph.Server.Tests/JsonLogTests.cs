using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IntelGraph.Server.Tests;

/// <summary>
/// The console logs of <c>intelgraph serve</c>, run as a separate process so its standard output can be
/// read: one JSON object per line, with the trace id and tenant as scopes, and no token or secret.
/// </summary>
public sealed class JsonLogTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_logs_json_without_tokens()
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-log-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var clients = Path.Combine(folder, "dev-clients.json");
        await File.WriteAllTextAsync(
            clients,
            """{"clients":[{"clientId":"intelgraph-api","secret":{"env":"INTELGRAPH_API_SECRET"},"tenant":"pilot","roles":["admin","lead","analyst"],"groups":["internal"]}]}""",
            Token);
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var output = new ConcurrentQueue<string>();

        string accessToken;
        string rejectedToken;
        using (var process = StartServe(baseUrl, folder, clients, secret, output))
        {
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
                await ServeProcess.WaitUntilHealthyAsync(http, process, Token);

                accessToken = await RequestTokenAsync(http, secret);
                rejectedToken = accessToken[..^4] + (accessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
                using var init = await SendAsync(http, HttpMethod.Post, "/budget/init", accessToken, """{"tenant":"pilot","ms":2500,"rows":100000}""");
                using var rejected = await SendAsync(http, HttpMethod.Get, "/cases", rejectedToken, body: null);
                using var unknownPath = await SendAsync(http, HttpMethod.Get, "/no-such-path", accessToken, body: null);

                Assert.Equal(HttpStatusCode.OK, init.StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(Token);
                Directory.Delete(folder, recursive: true);
            }
        }

        var lines = output.Where(line => line.Length > 0).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.True(IsJsonObject(line), $"A log line is not one JSON object: {line}");
        }

        var signature = accessToken[(accessToken.LastIndexOf('.') + 1)..];
        foreach (var (what, text) in new[] { ("access token", accessToken), ("token signature", signature), ("rejected token", rejectedToken), ("client secret", secret) })
        {
            Assert.False(lines.Any(line => line.Contains(text, StringComparison.Ordinal)), $"The log output contains the {what}.");
        }

        var budgetSet = lines.Select(line => JsonDocument.Parse(line).RootElement).Single(entry => entry.GetProperty("EventId").GetInt32() == 2031);
        var scopes = budgetSet.GetProperty("Scopes").EnumerateArray().ToList();
        var traceId = scopes.Select(scope => scope.TryGetProperty("TraceId", out var value) ? value.GetString() : null).Single(value => value is not null);
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.NotEqual(new string('0', 32), traceId);
        Assert.Contains(scopes, scope => scope.TryGetProperty("TenantId", out var tenant) && tenant.GetString() == "pilot");
    }

    /// <summary>
    /// Starts the CLI's serve command with ASP.NET Core and OpenIddict logging at Debug, more than the
    /// server's default, so that a token written by any of them would reach the output.
    /// </summary>
    private static Process StartServe(string baseUrl, string folder, string clients, string secret, ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.Environment["INTELGRAPH_API_SECRET"] = secret;
        start.Environment["Logging__LogLevel__Default"] = "Debug";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
        start.Environment["Logging__LogLevel__OpenIddict"] = "Debug";
        var database = IntelGraph.Testing.TestStores.CreateAsync(Path.Combine(folder, "data")).GetAwaiter().GetResult().Value;
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "intelgraph.dll"), "serve", "--urls", baseUrl, "--db", database, "--clients", clients })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RequestTokenAsync(HttpClient http, string secret)
    {
        using var response = await http.PostAsync(
            "/auth/realms/intelgraph/protocol/openid-connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "intelgraph-api",
                ["client_secret"] = secret,
            }),
            Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request, Token);
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
