using System.Text.Json;
using IntelGraph.Analytics.Graph;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Stix;
using IntelGraph.Storage;
using IntelGraph.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Analytics.Tests;

/// <summary>
/// The ATT&amp;CK for ICS bundle imported into a fresh store (see <see cref="TestStores"/>), every claim sealed
/// as <c>intelgraph import stix</c> does, and the tenant's graph loaded for analytics. Tests only read it.
/// </summary>
public sealed class IcsGraphFixture : IAsyncLifetime
{
    public static readonly TenantId Tenant = TenantId.Parse("ics");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intelgraph-analytics-tests", Guid.NewGuid().ToString("N"));
    private StoreSession? _stores;
    private AnalyticsGraph? _graph;

    public StoreSession Stores => _stores ?? throw new InvalidOperationException("The fixture is not initialized.");

    public AnalyticsGraph Graph => _graph ?? throw new InvalidOperationException("The fixture is not initialized.");

    public IReadOnlyList<SealedManifest> Manifests { get; private set; } = [];

    /// <summary>The bundle's objects by id, read directly from the file, independently of the importer.</summary>
    public IReadOnlyDictionary<string, JsonElement> Objects { get; private set; } = new Dictionary<string, JsonElement>();

    public static string BundlePath => RepositoryFolders.Shared("datasets", "mitre-attack-ics", "ics-attack.json");

    public async ValueTask InitializeAsync()
    {
        using (var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(BundlePath)))
        {
            Objects = bundle.RootElement.GetProperty("objects").EnumerateArray()
                .ToDictionary(element => element.GetProperty("id").GetString()!, element => element.Clone(), StringComparer.Ordinal);
        }

        Directory.CreateDirectory(_folder);
        var location = await TestStores.CreateAsync(_folder);
        _stores = await StoreOpener.OpenSessionAsync(location, TimeProvider.System, CancellationToken.None);

        var importer = new StixBundleImporter(_stores.Graph, _stores.Ledger, _stores, NullLogger<StixBundleImporter>.Instance);
        await importer.ImportAsync(Tenant, BundlePath, CancellationToken.None);

        var keys = new TenantSigningKeys(_stores.Keys, TimeProvider.System, NullLogger<TenantSigningKeys>.Instance);
        var sealer = new ManifestSealer(_stores.Ledger, _stores.Manifests, keys, TimeProvider.System, NullLogger<ManifestSealer>.Instance);
        Manifests = await new PendingClaimSealer(_stores.Ledger, _stores.Manifests, sealer).SealAsync(Tenant, _stores, CancellationToken.None);

        _graph = await AnalyticsGraphLoader.LoadAsync(_stores.Graph, Tenant, CancellationToken.None);
    }

    /// <summary>Returns the bundle's relationships, skipping any whose ends were not imported as entities.</summary>
    public IEnumerable<(string Id, string Source, string Type, string Target)> Relationships() =>
        Objects.Values
            .Where(element => element.GetProperty("type").GetString() == "relationship")
            .Select(element => (
                element.GetProperty("id").GetString()!,
                element.GetProperty("source_ref").GetString()!,
                element.GetProperty("relationship_type").GetString()!,
                element.GetProperty("target_ref").GetString()!));

    /// <summary>Returns the id of the bundle object of the given type and name.</summary>
    public string IdOf(string type, string name) =>
        Objects.Values.Single(element => element.GetProperty("type").GetString() == type && element.TryGetProperty("name", out var value) && value.GetString() == name)
            .GetProperty("id").GetString()!;

    public string NameOf(string id) => Objects[id].GetProperty("name").GetString()!;

    public async ValueTask DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
            await TestStores.DropAsync(_stores.Location);
        }

        Directory.Delete(_folder, recursive: true);
    }
}
