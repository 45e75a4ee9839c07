using IntelGraph.Cases.Storage;
using IntelGraph.Core;
using IntelGraph.Governance.Storage;
using IntelGraph.Graph.Storage;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Migration;

/// <summary>The stores a migration writes to, all backed by one database so that one unit of work spans them.</summary>
public sealed record MigrationStores(
    IUnitOfWork UnitOfWork,
    ILedgerStore Ledger,
    IManifestStore Manifests,
    ITenantKeyStore Keys,
    IGraphStore Graph,
    ICaseStore Cases,
    IBudgetStore Budgets,
    IMigrationStore Migration);
