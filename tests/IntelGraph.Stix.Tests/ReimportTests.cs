using IntelGraph.Core;

namespace IntelGraph.Stix.Tests;

public sealed class ReimportTests
{
    private static readonly TenantId Tenant = TenantId.Parse("ics-twice");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Second_import_changes_nothing()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);

        // A small batch size makes the first import commit many transactions.
        var first = await database.CreateImporter(batchSize: 97).ImportAsync(Tenant, SharedDatasets.IcsBundlePath, Token);
        var entities = await database.Stores.Graph.CountEntitiesAsync(Tenant, Token);
        var edges = await database.Stores.Graph.CountEdgesAsync(Tenant, Token);
        var claims = await database.Stores.Ledger.CountAsync(Tenant, Token);

        var second = await database.CreateImporter().ImportAsync(Tenant, SharedDatasets.IcsBundlePath, Token);

        Assert.Equal(0, second.Imported);
        Assert.Equal(first.EntitiesImported, second.EntityDuplicates);
        Assert.Equal(first.RelationshipsImported, second.RelationshipDuplicates);
        Assert.Equal(first.Skipped.Count, second.Skipped.Count);
        Assert.Empty(second.Rejected);
        Assert.Equal(second.ObjectCount, second.Accounted);
        Assert.Equal(entities, await database.Stores.Graph.CountEntitiesAsync(Tenant, Token));
        Assert.Equal(edges, await database.Stores.Graph.CountEdgesAsync(Tenant, Token));
        Assert.Equal(claims, await database.Stores.Ledger.CountAsync(Tenant, Token));
    }

    [Fact]
    public async Task Import_into_other_tenant_is_separate()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var other = TenantId.Parse("other");

        var first = await database.CreateImporter().ImportAsync(Tenant, SharedDatasets.IcsBundlePath, Token);
        var second = await database.CreateImporter().ImportAsync(other, SharedDatasets.IcsBundlePath, Token);

        Assert.Equal(first.Imported, second.Imported);
        Assert.Equal(0, second.Duplicates);
    }
}
