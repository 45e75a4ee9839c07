using IntelGraph.Core;
using IntelGraph.Governance;
using IntelGraph.Governance.Storage;
using IntelGraph.Migration.Importing;
using IntelGraph.Migration.Reconciliation;
using IntelGraph.Migration.Sources;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Migration.Rehearsal;

/// <summary>
/// Runs the cutover playbook's data path end to end on a scratch store: backup, migrate the base,
/// seal, verify, freeze writes, final backup, apply every delta, verify, unfreeze. Each step is timed,
/// and the write freeze is measured from the moment it starts to the moment it ends.
/// </summary>
public sealed class CutoverRehearsal(
    TenantMigrator migrator,
    TenantReconciler reconciler,
    IStoreBackup backup,
    IWriteFreezeStore writeFreeze,
    TimeProvider timeProvider)
{
    public const string FreezeBanner = "Cutover rehearsal in progress: writes are paused.";

    public async Task<RehearsalReport> RunAsync(
        TenantId tenant, string exportRoot, string workFolder, IProgress<ImportProgress>? progress, IProgress<RehearsalStepResult>? steps, CancellationToken cancellationToken)
    {
        var timeline = new List<RehearsalStepResult>();
        var origin = timeProvider.GetTimestamp();
        var reports = new List<MigrationReport>();
        var deltas = ExportPartSource.FindDeltaFolders(exportRoot);

        async Task<T> StepAsync<T>(RehearsalStep step, Func<Task<T>> action, Func<T, string> describe)
        {
            var start = timeProvider.GetTimestamp();
            var result = await action();
            var entry = new RehearsalStepResult(step, timeProvider.GetElapsedTime(origin, start), timeProvider.GetElapsedTime(start), describe(result));
            timeline.Add(entry);
            steps?.Report(entry);
            return result;
        }

        await StepAsync(RehearsalStep.InitialBackup, () => backup.BackupAsync(Path.Combine(workFolder, "backups", "initial"), cancellationToken), sha => $"sha256 {sha}");
        var baseReport = await StepAsync(
            RehearsalStep.MigrateBase,
            () => migrator.MigrateBaseAsync(tenant, exportRoot, null, progress, cancellationToken),
            r => $"{r.Tables.Sum(t => t.Imported)} records imported, {r.Tables.Sum(t => t.Quarantined)} quarantined, {r.ManifestsSealed} manifests sealed ({r.SealDuration.TotalMilliseconds:F0} ms sealing)");
        reports.Add(baseReport);
        await StepAsync(RehearsalStep.Verify, () => reconciler.ReconcileAsync(tenant, exportRoot, cancellationToken), Describe);

        var freeze = await StepAsync(RehearsalStep.FreezeWrites, () => writeFreeze.FreezeAsync(FreezeBanner, [], cancellationToken), f => $"banner \"{f.Banner}\"");
        var frozenAt = timeProvider.GetTimestamp();
        await StepAsync(RehearsalStep.FinalBackup, () => backup.BackupAsync(Path.Combine(workFolder, "backups", "final"), cancellationToken), sha => $"sha256 {sha}");
        foreach (var delta in deltas)
        {
            var deltaReport = await StepAsync(
                RehearsalStep.ApplyDelta,
                () => migrator.ApplyDeltaAsync(tenant, delta, progress, cancellationToken),
                r => $"{r.Part}: {r.Tables.Sum(t => t.Imported)} imported, {r.Tables.Sum(t => t.Updated)} updated, {r.Tables.Sum(t => t.Resolved)} resolved, {r.Tables.Sum(t => t.Quarantined)} quarantined, {r.ManifestsSealed} manifests sealed");
            reports.Add(deltaReport);
        }

        var final = await StepAsync(RehearsalStep.VerifyAfterDeltas, () => reconciler.ReconcileAsync(tenant, exportRoot, cancellationToken), Describe);
        await StepAsync(RehearsalStep.Unfreeze, () => writeFreeze.UnfreezeAsync(cancellationToken), _ => "writes allowed again");
        var freezeWindow = timeProvider.GetElapsedTime(frozenAt) + timeline.Single(s => s.Step == RehearsalStep.FreezeWrites).Duration;

        return new RehearsalReport(tenant, exportRoot, workFolder, timeline, freezeWindow, timeProvider.GetElapsedTime(origin), reports, final, freeze.Banner);
    }

    private static string Describe(ReconciliationReport report) =>
        report.Ok
            ? $"ok: every record accounted for, {report.Manifests.Count} manifest roots recomputed"
            : $"FAILED: {string.Join(" ", report.Problems)}";
}

/// <summary>The steps of a rehearsal, in the order they run.</summary>
public enum RehearsalStep
{
    InitialBackup,
    MigrateBase,
    Verify,
    FreezeWrites,
    FinalBackup,
    ApplyDelta,
    VerifyAfterDeltas,
    Unfreeze,
}

/// <summary>One finished step: when it started (from the rehearsal's start), how long it took and what it did.</summary>
public sealed record RehearsalStepResult(RehearsalStep Step, TimeSpan StartedAfter, TimeSpan Duration, string Summary);

/// <summary>The outcome of a rehearsal.</summary>
/// <param name="FreezeWindow">From the start of the write freeze to its end.</param>
public sealed record RehearsalReport(
    TenantId Tenant,
    string ExportRoot,
    string WorkFolder,
    IReadOnlyList<RehearsalStepResult> Timeline,
    TimeSpan FreezeWindow,
    TimeSpan Total,
    IReadOnlyList<MigrationReport> Migrations,
    ReconciliationReport Reconciliation,
    string Banner);
