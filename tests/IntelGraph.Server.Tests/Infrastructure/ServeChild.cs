using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// <c>intelgraph serve</c> as a separate process on 127.0.0.1, with one admin client of tenant pilot.
/// Its metrics are its own, unlike those of the servers in this process, which share one set of instruments.
/// </summary>
internal sealed class ServeChild : IAsyncDisposable
{
    public const string ClientId = "intelgraph-api";
    public const string Tenant = "pilot";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ServeChild(string folder, Uri baseAddress, string secretFile, Process process, ConcurrentQueue<string> output)
    {
        Folder = folder;
        BaseAddress = baseAddress;
        SecretFile = secretFile;
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Folder { get; }

    public Uri BaseAddress { get; }

    /// <summary>A file holding the admin client's secret, as <c>--client-secret-file</c> takes it.</summary>
    public string SecretFile { get; }

    public HttpClient Client { get; }

    /// <summary>The lines the server wrote, for a failing test to show.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<ServeChild> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-serve-child", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var secretFile = Path.Combine(folder, "client.secret");
        await File.WriteAllTextAsync(secretFile, secret + "\n", cancellationToken);
        var clients = Path.Combine(folder, "dev-clients.json");
        await File.WriteAllTextAsync(
            clients,
            $$"""{"clients":[{"clientId":"{{ClientId}}","secret":{"env":"INTELGRAPH_API_SECRET"},"tenant":"{{Tenant}}","roles":["admin","lead","analyst"],"groups":["internal"]}]}""",
            cancellationToken);

        var store = await IntelGraph.Testing.TestStores.CreateAsync(Path.Combine(folder, "data"));
        var baseAddress = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}");
        var output = new ConcurrentQueue<string>();
        var process = ServeProcess.Start(baseAddress.GetLeftPart(UriPartial.Authority), store.Value, clients, secret, output);
        var child = new ServeChild(folder, baseAddress, secretFile, process, output);
        await ServeProcess.WaitUntilHealthyAsync(child.Client, process, cancellationToken);

        var token = await child.RequestTokenAsync(secret, cancellationToken);
        child.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return child;
    }

    /// <summary>Sends a JSON POST with the admin client's token.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, CancellationToken cancellationToken) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file is still open in the exiting process, and the OS cleans the temporary folder later.
        }
    }

    private async Task<string> RequestTokenAsync(string secret, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsync(
            "/auth/realms/intelgraph/protocol/openid-connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ClientId,
                ["client_secret"] = secret,
            }),
            cancellationToken);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }
}
