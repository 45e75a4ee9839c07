using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntelGraph.Storage;
using IntelGraph.Testing;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// A real IntelGraph server on Kestrel at 127.0.0.1 on a free port, over a fresh store (see <see cref="TestStores"/>)
/// and its own temporary folder, with the embedded development issuer and the clients of <see cref="DevClients"/>.
/// It is built by the same three calls as Program.cs and <c>intelgraph serve</c>.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);

    private ServerHost(WebApplication app, string folder, StoreLocation store, Uri baseAddress, IReadOnlyDictionary<string, string> secrets, CapturedLogs logs)
    {
        _app = app;
        Folder = folder;
        Store = store;
        BaseAddress = baseAddress;
        Secrets = secrets;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Folder { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IReadOnlyDictionary<string, string> Secrets { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public StoreLocation Store { get; }

    /// <summary>The store as <c>--db</c> takes it: the SQLite file's path or the PostgreSQL connection string.</summary>
    public string DatabasePath => Store.Value;

    public string KeyFilePath => Path.Combine(Folder, "dev-issuer-keys.json");

    public string Issuer => $"{BaseAddress.GetLeftPart(UriPartial.Authority)}/auth/realms/intelgraph";

    public string TokenEndpoint => $"{Issuer}/protocol/openid-connect/token";

    /// <summary>
    /// Starts a server; <paramref name="configure"/> may change or add configuration values, and
    /// <paramref name="configureBuilder"/> may add services, before it is built.
    /// </summary>
    public static async Task<ServerHost> StartAsync(
        Action<Dictionary<string, string?>>? configure = null,
        CancellationToken cancellationToken = default,
        Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await TestStores.CreateAsync(folder);

        var environmentVariable = $"INTELGRAPH_TEST_SECRET_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(environmentVariable, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        var (clientsFile, secrets) = DevClients.Write(folder, environmentVariable);

        var baseAddress = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}");
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = baseAddress.GetLeftPart(UriPartial.Authority),
            ["IntelGraph:Store:Location"] = store.Value,
            ["IntelGraph:Store:StateFolder"] = folder,
            ["IntelGraph:Auth:DevIssuer:ClientsFile"] = clientsFile,
            ["IntelGraph:Auth:ClockSkewSeconds"] = "5",
        };
        configure?.Invoke(settings);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.AddIntelGraphServer();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.UseIntelGraphPipeline();
        app.MapIntelGraphEndpoints();
        await app.StartAsync(cancellationToken);
        return new ServerHost(app, folder, store, baseAddress, secrets, logs);
    }

    /// <summary>Gets an access token for a development client with the client credentials grant; each client's token is fetched once.</summary>
    public Task<string> TokenAsync(string clientId) => _tokens.GetOrAdd(clientId, id => RequestTokenAsync(id, Secrets[id]));

    public async Task<string> RequestTokenAsync(string clientId, string secret)
    {
        using var response = await Client.PostAsync(TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The token request of {clientId} failed with {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Sends a request with an optional bearer token and an optional JSON body given as text.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? json = null)
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

        return await Client.SendAsync(request);
    }

    /// <summary>Opens a second connection to the server's database, as another process would, for seeding and checking.</summary>
    public Task<StoreSession> OpenStoresAsync(CancellationToken cancellationToken) =>
        StoreOpener.OpenSessionAsync(Store, TimeProvider.System, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await TestStores.DropAsync(Store);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a child process; the temporary folder is cleaned by the OS later.
        }
    }
}
