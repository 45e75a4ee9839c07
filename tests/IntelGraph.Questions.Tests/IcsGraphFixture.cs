using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Questions.Resolution;
using IntelGraph.Stix;
using IntelGraph.Storage;
using IntelGraph.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Questions.Tests;

/// <summary>The ATT&amp;CK for ICS bundle imported once into a new store (see <see cref="TestStores"/>), shared by the tests that only read.</summary>
public sealed class IcsGraphFixture : IAsyncLifetime
{
    public static readonly TenantId Tenant = TenantId.Parse("ics");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intelgraph-questions-tests", Guid.NewGuid().ToString("N"));
    private StoreSession? _stores;
    private JsonDocument? _bundle;

    public StoreSession Stores => _stores ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>What the bundle states, read from its JSON independently of the importer.</summary>
    public BundleFacts Facts { get; private set; } = null!;

    public EntityDirectory Directory { get; private set; } = null!;

    public static string BundlePath => RepositoryFolders.Shared("datasets", "mitre-attack-ics", "ics-attack.json");

    public async ValueTask InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_folder);
        _bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(BundlePath));
        Facts = new BundleFacts(_bundle.RootElement.GetProperty("objects"));

        var location = await TestStores.CreateAsync(_folder);
        _stores = await StoreOpener.OpenSessionAsync(location, TimeProvider.System, CancellationToken.None);
        var importer = new StixBundleImporter(_stores.Graph, _stores.Ledger, _stores, NullLogger<StixBundleImporter>.Instance);
        await importer.ImportAsync(Tenant, BundlePath, CancellationToken.None);

        Directory = await EntityDirectory.LoadAsync(_stores.Graph, Tenant, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _bundle?.Dispose();
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
            await TestStores.DropAsync(_stores.Location);
        }

        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
