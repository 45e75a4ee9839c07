using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using IntelGraph.Edge;
using IntelGraph.Storage;
using IntelGraph.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Cli.Tests.Cutover;

/// <summary>
/// A blue/green deployment on loopback for the cutover tests: two <c>intelgraph serve</c> processes, each
/// over its own store with pilot-ics migrated in, and an edge in this process that sends traffic to blue.
/// The servers know one more client than the cutover plan, <c>load-writer</c>, so the load's writes are
/// never exempt from the freeze.
/// </summary>
internal sealed class CutoverDeployment : IAsyncDisposable
{
    public const string LoadClient = "load-writer";

    private static readonly string PilotIcs = RepositoryFolders.Shared("datasets", "pilot-ics");

    private readonly List<Process> _servers = [];
    private readonly List<StoreLocation> _stores = [];
    private WebApplication? _edge;

    private CutoverDeployment(string folder, string secretVariable, string secret)
    {
        Folder = folder;
        SecretVariable = secretVariable;
        Secret = secret;
    }

    public string Folder { get; }

    public string SecretVariable { get; }

    public string Secret { get; }

    public Uri Blue { get; private set; } = null!;

    public Uri Green { get; private set; } = null!;

    public Uri EdgeAddress { get; private set; } = null!;

    public Uri EdgeAdmin { get; private set; } = null!;

    public string BlueStore => _stores[0].Value;

    public string GreenStore => _stores[1].Value;

    public ConcurrentQueue<string> ServerOutput { get; } = new();

    public static async Task<CutoverDeployment> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-cutover", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        // Each deployment names its own secret variable, so tests running at once never share one.
        var variable = "INTELGRAPH_CUTOVER_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var deployment = new CutoverDeployment(folder, variable, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        Environment.SetEnvironmentVariable(variable, deployment.Secret);
        try
        {
            await deployment.StartSidesAsync(cancellationToken);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a cutover plan from blue to green and the clients file it names, and returns the plan's path.</summary>
    /// <param name="smokeClients">The clients the plan's file lists; the smoke gate needs one with the admin role and one without.</param>
    public string WritePlan(string name, string[] smokeClients, object? watch = null)
    {
        var clients = Path.Combine(Folder, name + "-clients.json");
        File.WriteAllText(clients, JsonSerializer.Serialize(new
        {
            clients = smokeClients.Select(client => new { clientId = client, secret = new { env = SecretVariable } }),
        }));

        var plan = Path.Combine(Folder, name + ".json");
        File.WriteAllText(plan, JsonSerializer.Serialize(new
        {
            tenant = "pilot",
            banner = "IntelGraph is moving to a new release; writes resume in a few seconds.",
            edge = EdgeAdmin.ToString(),
            from = new { side = "blue", url = Blue.ToString(), store = BlueStore },
            to = new { side = "green", url = Green.ToString(), store = GreenStore },
            clients = Path.GetFileName(clients),
            runFolder = name + "-run",
            watch,
        }));
        return plan;
    }

    /// <summary>Returns a client of <paramref name="address"/> with a token of <paramref name="clientId"/>.</summary>
    public async Task<HttpClient> ClientAsync(Uri address, string clientId, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = Secret,
        });
        using var response = await http.PostAsync("/auth/realms/intelgraph/protocol/openid-connect/token", form, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }

            server.Dispose();
        }

        foreach (var store in _stores)
        {
            await TestStores.DropAsync(store);
        }

        Environment.SetEnvironmentVariable(SecretVariable, null);
        Directory.Delete(Folder, recursive: true);
    }

    private async Task StartSidesAsync(CancellationToken cancellationToken)
    {
        var clients = Path.Combine(Folder, "server-clients.json");
        await File.WriteAllTextAsync(clients, JsonSerializer.Serialize(new
        {
            clients = new object[]
            {
                new { clientId = "intelgraph-api", secret = new { env = SecretVariable }, tenant = "pilot", roles = new[] { "admin", "lead", "analyst" }, groups = new[] { "internal" } },
                new { clientId = "intelgraph-analyst", secret = new { env = SecretVariable }, tenant = "pilot", roles = new[] { "analyst" }, groups = new[] { "internal" } },
                new { clientId = LoadClient, secret = new { env = SecretVariable }, tenant = "pilot", roles = new[] { "lead", "analyst" }, groups = new[] { "internal" } },
            },
        }), cancellationToken);

        // Both sides start from the same base migration, as the playbook's migration leaves them before the cutover window.
        foreach (var side in new[] { "blue", "green" })
        {
            var store = await TestStores.CreateAsync(Path.Combine(Folder, side), side + ".db");
            _stores.Add(store);
            var migrated = await CliRun.InvokeAsync("migrate", "--from", PilotIcs, "--tenant", "pilot", "--db", store.Value, "--accept-quarantine", "--json");
            Assert.True(migrated.ExitCode == ExitCodes.Ok, migrated.ToString());
        }

        EdgeAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        EdgeAdmin = new Uri($"http://127.0.0.1:{FreePort()}");
        Blue = new Uri($"http://127.0.0.1:{FreePort()}");
        Green = new Uri($"http://127.0.0.1:{FreePort()}");
        foreach (var (address, store) in new[] { (Blue, _stores[0]), (Green, _stores[1]) })
        {
            _servers.Add(StartServer(address, store.Value, clients));
        }

        foreach (var (server, address) in _servers.Zip([Blue, Green]))
        {
            await WaitUntilHealthyAsync(server, address, cancellationToken);
        }

        var settings = new EdgeSettings(EdgeAddress, EdgeAdmin, Blue, Green, Path.Combine(Folder, "edge-state.json"), TimeSpan.FromHours(24), EdgeSettings.DefaultHealthPath);
        _edge = await EdgeHost.BuildAsync(settings, builder => builder.Logging.ClearProviders(), cancellationToken);
        await _edge.StartAsync(cancellationToken);
    }

    private Process StartServer(Uri address, string database, string clients)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.Environment[SecretVariable] = Secret;

        // Both sides sign with one key under the edge's address, as two deployments of one Keycloak realm would,
        // so a token minted before the switch is still accepted after it.
        start.Environment["IntelGraph__Auth__DevIssuer__KeyFile"] = Path.Combine(Folder, "dev-issuer-keys.json");
        start.Environment["IntelGraph__Auth__DevIssuer__PublicUrl"] = EdgeAddress.ToString().TrimEnd('/');
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "intelgraph.dll"), "serve", "--urls", address.ToString().TrimEnd('/'), "--db", database, "--clients", clients })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => ServerOutput.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => ServerOutput.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(Process process, Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"intelgraph serve on {address} exited with code {(process.HasExited ? process.ExitCode : 0)}.");
            try
            {
                using var response = await http.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        Assert.Fail($"intelgraph serve on {address} did not return 200 from /healthz within 60 s.");
    }

    private static int FreePort()
    {
        return IntelGraph.Testing.TestPorts.Free();
    }
}
