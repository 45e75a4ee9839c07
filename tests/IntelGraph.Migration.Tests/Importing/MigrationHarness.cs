using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Migration.Reconciliation;
using IntelGraph.Storage;
using IntelGraph.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>A fresh store (see <see cref="TestStores"/>) and a temporary folder, with the migration services over them; deleted on dispose.</summary>
internal sealed class MigrationHarness : IAsyncDisposable
{
    private MigrationHarness(string folder, StoreSession stores)
    {
        Folder = folder;
        Stores = stores;
        Migrator = new TenantMigrator(stores.ForMigration(), CreateSealer(stores), TimeProvider.System, NullLogger<TenantMigrator>.Instance)
        {
            BatchSize = 7,
        };
        Reconciler = new TenantReconciler(stores.ForMigration());
    }

    public static TenantId Tenant { get; } = TenantId.Parse("pilot");

    public string Folder { get; }

    public StoreSession Stores { get; }

    public TenantMigrator Migrator { get; }

    public TenantReconciler Reconciler { get; }

    public static async Task<MigrationHarness> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "intelgraph-migration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var location = await TestStores.CreateAsync(folder, "store.db");
        var stores = await StoreOpener.OpenSessionAsync(location, TimeProvider.System, TestContext.Current.CancellationToken);
        return new MigrationHarness(folder, stores);
    }

    public Task<MigrationReport> MigrateBaseAsync(string exportRoot) =>
        Migrator.MigrateBaseAsync(Tenant, exportRoot, budget: null, progress: null, TestContext.Current.CancellationToken);

    public Task<MigrationReport> ApplyDeltaAsync(string deltaFolder) =>
        Migrator.ApplyDeltaAsync(Tenant, deltaFolder, progress: null, TestContext.Current.CancellationToken);

    public Task<ReconciliationReport> ReconcileAsync(string exportRoot) =>
        Reconciler.ReconcileAsync(Tenant, exportRoot, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Stores.DisposeAsync();
        await TestStores.DropAsync(Stores.Location);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless, and failing here would hide the test's own result.
        }
    }

    private static ManifestSealer CreateSealer(StoreSession stores) =>
        new(
            stores.Ledger,
            stores.Manifests,
            new TenantSigningKeys(stores.Keys, TimeProvider.System, NullLogger<TenantSigningKeys>.Instance),
            TimeProvider.System,
            NullLogger<ManifestSealer>.Instance);
}
