using System.Net;
using IntelGraph.Cli.Commands.Release;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Tests.Infrastructure;

/// <summary>
/// A test server on 127.0.0.1 with what the gates need: clients of tenant alpha for every role, the
/// tenant's query budget, and optionally a small graph. Each test starts its own, so gates that write
/// (smoke) or measure (perf) see only their own traffic.
/// </summary>
internal sealed class GateTarget : IAsyncDisposable
{
    public const string Tenant = "alpha";

    private readonly HttpClient _http;

    private GateTarget(ServerHost server)
    {
        Server = server;
        _http = TargetClient.CreateHttpClient(server.BaseAddress.ToString(), TimeSpan.FromSeconds(60));
        Client = new TargetClient(_http);
    }

    public ServerHost Server { get; }

    public TargetClient Client { get; }

    public string Folder => Server.Folder;

    /// <summary>One client per role of tenant alpha, each secret read from its file.</summary>
    public IReadOnlyList<ClientCredential> RoleClients =>
        [.. DevClients.Roles.Select(role => Credential(DevClients.Client(Tenant, role)))];

    public ClientCredential Credential(string clientId) => ClientCredential.FromFile(clientId, Path.Combine(Server.Folder, clientId + ".secret"));

    public static async Task<GateTarget> StartAsync(bool withBudget = true, int entities = 0)
    {
        var target = new GateTarget(await ServerHost.StartAsync());
        if (withBudget)
        {
            var token = await target.Server.TokenAsync(DevClients.Client(Tenant, "admin"));
            using var response = await target.Server.SendAsync(HttpMethod.Post, "/budget/init", token, """{"tenant":"alpha","ms":2500,"rows":100000}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        if (entities > 0)
        {
            await target.SeedGraphAsync(entities);
        }

        return target;
    }

    /// <summary>Creates a context for the gates with the given clients, or every role's client when none are given.</summary>
    public GateContext Context(IReadOnlyList<ClientCredential>? credentials = null, AccessPolicy? policy = null) => new(
        Client,
        credentials ?? RoleClients,
        policy ?? ServerAccessPolicy.Create(),
        Path.Combine(Folder, "artifacts"),
        IntelGraph.Testing.RepositoryFolders.Root,
        TimeProvider.System,
        SilentGateProgress.Instance);

    /// <summary>Adds a chain of entities labelled "Node N", each linked to the next.</summary>
    private async Task SeedGraphAsync(int count)
    {
        var tenant = TenantId.Parse(Tenant);
        await using var stores = await Server.OpenStoresAsync(TestContext.Current.CancellationToken);
        for (var index = 0; index < count; index++)
        {
            await stores.Graph.InsertEntityAsync(tenant, new GraphEntity($"node-{index}", $"Node {index}", "identity", null, "2025-01-01T00:00:00Z"), null, TestContext.Current.CancellationToken);
        }

        for (var index = 0; index + 1 < count; index++)
        {
            await stores.Graph.InsertEdgeAsync(tenant, new GraphEdge($"edge-{index}", $"node-{index}", $"node-{index + 1}", "related-to", "2025-01-01T00:00:00Z"), null, TestContext.Current.CancellationToken);
        }

        // The last node gets a link back, so every node has at least one edge.
        await stores.Graph.InsertEdgeAsync(tenant, new GraphEdge("edge-back", $"node-{count - 1}", "node-0", "related-to", "2025-01-01T00:00:00Z"), null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
