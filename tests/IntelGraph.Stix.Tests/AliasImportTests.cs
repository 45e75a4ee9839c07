using IntelGraph.Core;
using IntelGraph.Graph;
using static IntelGraph.Stix.Tests.TestBundles;

namespace IntelGraph.Stix.Tests;

public sealed class AliasImportTests
{
    private static readonly TenantId Tenant = TenantId.Parse("aliases");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Aliases_are_stored_without_name()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        var malware = Id("malware", 2);
        var path = database.WriteFile("aliases.json", Stix21(
            Entity("intrusion-set", 1, "Grid Wolves", """, "aliases": ["Grid Wolves", "Voltage Pack", "Voltage Pack", "  "]"""),
            Entity("malware", 2, "Howler", """, "is_family": true, "x_mitre_aliases": ["Howler", "HOWLER", "Screech"]"""),
            Entity("attack-pattern", 3, "Phishing")));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(3, report.EntitiesImported);
        Assert.Empty(report.Rejected);
        Assert.Equal(["Voltage Pack"], await database.Stores.Graph.FindEntityAliasesAsync(Tenant, group, Token));
        Assert.Equal(["HOWLER", "Screech"], await database.Stores.Graph.FindEntityAliasesAsync(Tenant, malware, Token));
        Assert.Empty(await database.Stores.Graph.FindEntityAliasesAsync(Tenant, Id("attack-pattern", 3), Token));
    }

    [Fact]
    public async Task Malformed_aliases_reject_the_object()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var path = database.WriteFile("bad.json", Stix21(
            Entity("intrusion-set", 1, "Grid Wolves", """, "aliases": "Voltage Pack" """),
            Entity("malware", 2, "Howler", """, "x_mitre_aliases": ["Screech", 7]""")));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(0, report.EntitiesImported);
        Assert.Equal(2, report.Rejected.Count);
        Assert.All(report.Rejected, rejected => Assert.Equal(StixRejectReasons.Unparsable, rejected.Reason));
        Assert.Contains("\"aliases\" is a string", report.Rejected[0].Detail, StringComparison.Ordinal);
        Assert.Contains("Item 1 of \"x_mitre_aliases\" is a number", report.Rejected[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reimport_adds_aliases_to_stored_entity()
    {
        await using var database = await TemporaryDatabase.CreateAsync(Token);
        var group = Id("intrusion-set", 1);
        await database.Stores.Graph.InsertEntityAsync(Tenant, new GraphEntity(group, "Grid Wolves", "intrusion-set", null, Created), null, Token);
        var path = database.WriteFile("aliases.json", Stix21(Entity("intrusion-set", 1, "Grid Wolves", """, "aliases": ["Voltage Pack"]""")));

        var report = await database.CreateImporter().ImportAsync(Tenant, path, Token);

        Assert.Equal(1, report.EntityDuplicates);
        Assert.Equal(["Voltage Pack"], await database.Stores.Graph.FindEntityAliasesAsync(Tenant, group, Token));
    }
}
