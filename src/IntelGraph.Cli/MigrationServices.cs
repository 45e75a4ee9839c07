using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Migration;
using IntelGraph.Migration.Reconciliation;
using IntelGraph.Migration.Sources;
using IntelGraph.Storage;
using IntelGraph.Storage.Postgres;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Cli;

/// <summary>Builds the ledger and migration services over an open store.</summary>
internal static class MigrationServices
{
    public static TenantSigningKeys CreateSigningKeys(StoreSession stores, CliEnvironment environment) =>
        new(stores.Keys, environment.TimeProvider, environment.LoggerFactory.CreateLogger<TenantSigningKeys>());

    public static ManifestSealer CreateSealer(StoreSession stores, CliEnvironment environment) =>
        new(
            stores.Ledger,
            stores.Manifests,
            CreateSigningKeys(stores, environment),
            environment.TimeProvider,
            environment.LoggerFactory.CreateLogger<ManifestSealer>());

    public static TenantMigrator CreateMigrator(StoreSession stores, CliEnvironment environment, ILegacyCaseTables? legacyCaseTables = null) =>
        new(
            stores.ForMigration(),
            CreateSealer(stores, environment),
            environment.TimeProvider,
            environment.LoggerFactory.CreateLogger<TenantMigrator>()) { LegacyCaseTables = legacyCaseTables };

    public static TenantReconciler CreateReconciler(StoreSession stores, ILegacyCaseTables? legacyCaseTables = null) =>
        new(stores.ForMigration()) { LegacyCaseTables = legacyCaseTables };

    /// <summary>The old pilot's case tables for <c>--legacy-db</c>, or null when the option is absent.</summary>
    public static ILegacyCaseTables? OpenLegacyCaseTables(string? legacyDatabase) =>
        string.IsNullOrWhiteSpace(legacyDatabase) ? null : new PostgresLegacyCaseTables(StoreLocation.Resolve(legacyDatabase));
}
