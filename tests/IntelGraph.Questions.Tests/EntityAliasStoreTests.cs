using IntelGraph.Core;
using IntelGraph.Graph;

namespace IntelGraph.Questions.Tests;

/// <summary>Aliases on the store the tests run against: SQLite by default, PostgreSQL under scripts/with-postgres.sh.</summary>
public sealed class EntityAliasStoreTests
{
    private static readonly TenantId _tenant = TenantId.Parse("alpha");
    private static readonly TenantId _otherTenant = TenantId.Parse("beta");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Aliases_round_trip_in_order()
    {
        await using var store = await ScratchStore.CreateAsync(Token);
        var graph = store.Stores.Graph;
        await graph.InsertEntityAsync(_tenant, Entity("g1", "Sandworm Team"), null, Token);

        var added = await graph.AddEntityAliasesAsync(_tenant, "g1", ["Voodoo Bear", "ELECTRUM", "APT44"], Token);

        Assert.Equal(3, added);
        Assert.Equal(["APT44", "ELECTRUM", "Voodoo Bear"], await graph.FindEntityAliasesAsync(_tenant, "g1", Token));
    }

    [Fact]
    public async Task Adding_again_adds_only_new()
    {
        await using var store = await ScratchStore.CreateAsync(Token);
        var graph = store.Stores.Graph;
        await graph.InsertEntityAsync(_tenant, Entity("g1", "Sandworm Team"), null, Token);
        await graph.AddEntityAliasesAsync(_tenant, "g1", ["ELECTRUM"], Token);

        var added = await graph.AddEntityAliasesAsync(_tenant, "g1", ["ELECTRUM", "electrum", "IRIDIUM", "IRIDIUM"], Token);

        Assert.Equal(2, added);
        Assert.Equal(["ELECTRUM", "IRIDIUM", "electrum"], await graph.FindEntityAliasesAsync(_tenant, "g1", Token));
    }

    [Fact]
    public async Task Missing_entity_is_rejected()
    {
        await using var store = await ScratchStore.CreateAsync(Token);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.Stores.Graph.AddEntityAliasesAsync(_tenant, "nobody", ["X"], Token));

        Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Stores.Graph.FindEntityAliasesAsync(_tenant, "nobody", Token));
    }

    [Fact]
    public async Task Scan_keeps_tenants_apart()
    {
        await using var store = await ScratchStore.CreateAsync(Token);
        var graph = store.Stores.Graph;
        await graph.InsertEntityAsync(_tenant, Entity("g2", "APT33"), null, Token);
        await graph.InsertEntityAsync(_tenant, Entity("g1", "Sandworm Team"), null, Token);
        await graph.InsertEntityAsync(_otherTenant, Entity("g1", "Sandworm Team"), null, Token);
        await graph.AddEntityAliasesAsync(_tenant, "g2", ["Elfin"], Token);
        await graph.AddEntityAliasesAsync(_tenant, "g1", ["ELECTRUM"], Token);
        await graph.AddEntityAliasesAsync(_otherTenant, "g1", ["Telebots"], Token);

        var aliases = new List<EntityAlias>();
        await foreach (var alias in graph.ScanEntityAliasesAsync(_tenant, Token))
        {
            aliases.Add(alias);
        }

        Assert.Equal([new EntityAlias("g1", "ELECTRUM"), new EntityAlias("g2", "Elfin")], aliases);
        Assert.Equal(["Telebots"], await graph.FindEntityAliasesAsync(_otherTenant, "g1", Token));
    }

    private static GraphEntity Entity(string id, string label) => new(id, label, "intrusion-set", null, "2024-01-01T00:00:00Z");
}
