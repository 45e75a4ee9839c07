using System.Net;
using IntelGraph.Core;
using IntelGraph.Graph;

namespace IntelGraph.Server.Tests;

public sealed class GraphEndpointTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entity_search_and_neighbours()
    {
        var tenant = TenantId.Parse("beta");
        var prefix = Guid.NewGuid().ToString("N");
        var wolves = new GraphEntity($"{prefix}-wolves", $"Grid Wolves {prefix}", "intrusion-set", "RU", "2025-01-01T00:00:00Z");
        var utility = new GraphEntity($"{prefix}-utility", $"Power Utility {prefix}", "identity", null, "2025-01-02T00:00:00Z");
        var malware = new GraphEntity($"{prefix}-malware", $"grid killer {prefix}", "malware", null, "2025-01-03T00:00:00Z");
        await using (var stores = await Server.OpenStoresAsync(Token))
        {
            foreach (var seeded in new[] { wolves, utility, malware })
            {
                await stores.Graph.InsertEntityAsync(tenant, seeded, null, Token);
            }

            await stores.Graph.InsertEdgeAsync(tenant, new GraphEdge($"{prefix}-e1", wolves.Id, utility.Id, "targets", "2025-01-04T00:00:00Z"), null, Token);
            await stores.Graph.InsertEdgeAsync(tenant, new GraphEdge($"{prefix}-e2", malware.Id, wolves.Id, "attributed-to", "2025-01-04T00:00:00Z"), null, Token);
        }

        var token = await Server.TokenAsync(DevClients.Client("beta", "auditor"));

        using var entity = await Server.SendAsync(HttpMethod.Get, $"/graph/entities/{wolves.Id}", token);
        using var search = await Server.SendAsync(HttpMethod.Get, $"/graph/entities?label=GRID&limit=10", token);
        using var neighbours = await Server.SendAsync(HttpMethod.Get, $"/graph/entities/{wolves.Id}/neighbours", token);

        var found = await entity.JsonAsync();
        Assert.Equal("RU", found.GetProperty("country").GetString());

        var labels = (await search.JsonAsync()).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("label").GetString()).ToList();
        Assert.Contains(wolves.Label, labels);
        Assert.Contains(malware.Label, labels);
        Assert.DoesNotContain(utility.Label, labels);

        var hood = await neighbours.JsonAsync();
        var edges = hood.GetProperty("edges").EnumerateArray().ToList();
        Assert.Equal([$"{prefix}-e1", $"{prefix}-e2"], edges.Select(edge => edge.GetProperty("id").GetString()));
        Assert.Equal(["out", "in"], edges.Select(edge => edge.GetProperty("direction").GetString()));
        Assert.Equal(
            new[] { utility.Id, malware.Id }.Order(StringComparer.Ordinal),
            hood.GetProperty("neighbours").EnumerateArray().Select(neighbour => neighbour.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }
}
