using System.Globalization;
using System.Text.Json;
using IntelGraph.Cases;
using IntelGraph.Cases.Storage;
using IntelGraph.Core;

namespace IntelGraph.Migration.Importing;

/// <summary>Decides where each exported case, task and report goes, one record at a time or a run at a time.</summary>
internal sealed partial class CaseRecordImporter(ICaseStore cases, QuarantineWriter quarantine)
{
    /// <summary>
    /// Imports a task. A task already stored is replaced only by a version with a later
    /// <c>updated_at</c>; an older version is superseded, and a different one with the same time conflicts.
    /// </summary>
    public async Task<ImportOutcome> ImportTaskAsync(TenantId tenant, ImportRecord<CaseTask> record, CancellationToken cancellationToken)
    {
        if (record.Value is not { } task)
        {
            return await quarantine.UnparsableAsync(tenant, SourceTables.Tasks, record, cancellationToken);
        }

        var stored = await cases.FindTaskAsync(tenant, task.Id, cancellationToken);
        if (await CompareWithStoredTaskAsync(tenant, record, task, stored, cancellationToken) is { } settled)
        {
            return settled;
        }

        if (await cases.FindCaseAsync(tenant, task.CaseId, cancellationToken) is null)
        {
            return await QuarantineOrphanTaskAsync(tenant, record, task, cancellationToken);
        }

        if (stored is null)
        {
            await cases.InsertTaskAsync(tenant, task, record.Location, cancellationToken);
            return ImportOutcome.Imported;
        }

        await cases.ReplaceTaskAsync(tenant, task, record.Location, cancellationToken);
        return ImportOutcome.Updated;
    }

    public async Task<ImportOutcome> ImportReportAsync(TenantId tenant, ImportRecord<ReportMeta> record, CancellationToken cancellationToken)
    {
        if (record.Value is not { } report)
        {
            return await quarantine.UnparsableAsync(tenant, SourceTables.Reports, record, cancellationToken);
        }

        var stored = await cases.FindReportAsync(tenant, report.Id, cancellationToken);
        if (stored is not null)
        {
            return await quarantine.CompareWithStoredAsync(tenant, SourceTables.Reports, report.Id, record, stored, cancellationToken);
        }

        if (await cases.FindCaseAsync(tenant, report.CaseId, cancellationToken) is null)
        {
            return await QuarantineOrphanReportAsync(tenant, record, report, cancellationToken);
        }

        await cases.InsertReportAsync(tenant, report, record.Location, cancellationToken);
        return ImportOutcome.Imported;
    }

    /// <summary>
    /// Settles a task whose id is already stored: the same source record seen again, an exact duplicate, an older
    /// version or a conflicting one. Returns null when there is no stored task or this version is newer, so the
    /// task is still to be written.
    /// </summary>
    private async Task<ImportOutcome?> CompareWithStoredTaskAsync(
        TenantId tenant, ImportRecord<CaseTask> record, CaseTask task, Stored<CaseTask>? stored, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            return null;
        }

        if (stored.Origin == record.Location)
        {
            return ImportOutcome.AlreadyPresent;
        }

        if (stored.Value.Equals(task))
        {
            return ImportOutcome.Duplicate;
        }

        var order = CompareTimes(task.UpdatedAt, stored.Value.UpdatedAt);
        if (order < 0)
        {
            return ImportOutcome.Superseded;
        }

        if (order == 0)
        {
            var detail = $"Task '{task.Id}' is already stored from {stored.Origin?.ToString() ?? "an earlier write"} with the same updated_at {task.UpdatedAt} but different fields.";
            return await quarantine.QuarantineAsync(tenant, SourceTables.Tasks, task.Id, record, QuarantineReasons.ConflictingDuplicate, detail, null, cancellationToken);
        }

        return null;
    }

    private Task<ImportOutcome> QuarantineOrphanTaskAsync(TenantId tenant, ImportRecord<CaseTask> record, CaseTask task, CancellationToken cancellationToken)
    {
        var detail = $"Task '{task.Id}' belongs to case '{task.CaseId}', which no imported case has; it is imported when a later delta brings the case.";
        var json = JsonSerializer.Serialize(task, MigrationJson.Default.CaseTask);
        return quarantine.QuarantineAsync(tenant, SourceTables.Tasks, task.Id, record, QuarantineReasons.MissingCase, detail, json, cancellationToken);
    }

    private Task<ImportOutcome> QuarantineOrphanReportAsync(TenantId tenant, ImportRecord<ReportMeta> record, ReportMeta report, CancellationToken cancellationToken)
    {
        var detail = $"Report '{report.Id}' belongs to case '{report.CaseId}', which no imported case has; it is imported when a later delta brings the case.";
        var json = JsonSerializer.Serialize(report, MigrationJson.Default.ReportMeta);
        return quarantine.QuarantineAsync(tenant, SourceTables.Reports, report.Id, record, QuarantineReasons.MissingCase, detail, json, cancellationToken);
    }

    /// <summary>Orders two RFC 3339 timestamps by the instant they denote, not by their text.</summary>
    internal static int CompareTimes(string left, string right)
    {
        var leftTime = DateTimeOffset.Parse(left, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var rightTime = DateTimeOffset.Parse(right, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return leftTime.CompareTo(rightTime);
    }
}
