using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Migration;
using IntelGraph.Migration.Reconciliation;
using IntelGraph.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Cli;

/// <summary>Builds the ledger and migration services over an open store.</summary>
internal static class MigrationServices
{
    public static TenantSigningKeys CreateSigningKeys(SqliteStores stores, CliEnvironment environment) =>
        new(stores.Keys, environment.TimeProvider, environment.LoggerFactory.CreateLogger<TenantSigningKeys>());

    public static ManifestSealer CreateSealer(SqliteStores stores, CliEnvironment environment) =>
        new(
            stores.Ledger,
            stores.Manifests,
            CreateSigningKeys(stores, environment),
            environment.TimeProvider,
            environment.LoggerFactory.CreateLogger<ManifestSealer>());

    public static TenantMigrator CreateMigrator(SqliteStores stores, CliEnvironment environment) =>
        new(
            stores.ForMigration(),
            CreateSealer(stores, environment),
            environment.TimeProvider,
            environment.LoggerFactory.CreateLogger<TenantMigrator>());

    public static TenantReconciler CreateReconciler(SqliteStores stores) => new(stores.ForMigration());
}
