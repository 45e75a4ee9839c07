using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace IntelGraph.Server.Tests;

/// <summary><c>intelgraph serve</c> as a user runs it: a separate process, then the README's first requests.</summary>
public sealed class ServeCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_handles_readme_requests()
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-serve-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var clients = Path.Combine(folder, "dev-clients.json");
        await File.WriteAllTextAsync(
            clients,
            """{"clients":[{"clientId":"intelgraph-api","secret":{"env":"INTELGRAPH_API_SECRET"},"tenant":"pilot","roles":["admin","lead","analyst"],"groups":["internal"]}]}""",
            Token);
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";

        var store = await IntelGraph.Testing.TestStores.CreateAsync(Path.Combine(folder, "data"));
        using var process = ServeProcess.Start(baseUrl, store.Value, clients, secret);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await ServeProcess.WaitUntilHealthyAsync(http, process, Token);

            using var tokenResponse = await http.PostAsync(
                "/auth/realms/intelgraph/protocol/openid-connect/token",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = "intelgraph-api",
                    ["client_secret"] = secret,
                }),
                Token);
            var accessToken = (await tokenResponse.JsonAsync()).GetProperty("access_token").GetString();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

            using var init = await http.PostAsync("/budget/init", Json("""{"tenant":"pilot","ms":2500,"rows":100000}"""), Token);
            using var check = await http.PostAsync("/budget/check", Json("""{"tenant":"pilot","estMs":5000,"estRows":2e6}"""), Token);

            Assert.Equal(HttpStatusCode.OK, init.StatusCode);
            Assert.Equal("deny", (await check.JsonAsync()).GetProperty("decision").GetString());

            // The issuer's key sits beside an SQLite file; with PostgreSQL, in .intelgraph under the working folder.
            var stateFolder = store.Kind == IntelGraph.Storage.StoreKind.Sqlite ? Path.Combine(folder, "data") : Path.Combine(folder, ".intelgraph");
            Assert.True(File.Exists(Path.Combine(stateFolder, "dev-issuer-keys.json")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
