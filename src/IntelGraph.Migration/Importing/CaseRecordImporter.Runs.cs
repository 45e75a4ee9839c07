using IntelGraph.Cases;
using IntelGraph.Core;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// The run imports of cases, tasks and reports. Each one looks up what a whole run needs in a few queries and
/// writes the new records in one store call, and each record ends with the outcome the per-record import gives it.
/// </summary>
internal sealed partial class CaseRecordImporter
{
    /// <summary>
    /// Imports a run of cases: the store inserts the new ones in one call, and only those it rejected are looked
    /// up, to tell this record seen again from a duplicate or a conflict.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportCasesAsync(TenantId tenant, IReadOnlyList<ImportRecord<CaseRecord>> run, CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[run.Count];
        var candidates = await quarantine.QuarantineUnparsableAsync(tenant, SourceTables.Cases, run, outcomes, cancellationToken);

        // The store skips the second of two cases with one id in a run, which is then compared with the first.
        var inserted = await cases.TryInsertCasesAsync(tenant, [.. candidates.Select(i => new Stored<CaseRecord>(run[i].Value!, run[i].Location))], cancellationToken);
        for (var k = 0; k < candidates.Count; k++)
        {
            var index = candidates[k];
            if (inserted[k])
            {
                outcomes[index] = ImportOutcome.Imported;
                continue;
            }

            var caseRecord = run[index].Value!;
            var stored = await cases.FindCaseAsync(tenant, caseRecord.Id, cancellationToken)
                ?? throw new StoreException($"Case '{caseRecord.Id}' was neither stored nor found in tenant '{tenant}'.");
            outcomes[index] = await quarantine.CompareWithStoredAsync(tenant, SourceTables.Cases, caseRecord.Id, run[index], stored, cancellationToken);
        }

        return outcomes;
    }

    /// <summary>
    /// Imports a run of tasks. The stored tasks and the cases of the run are looked up in one query each, and each
    /// task is decided as <see cref="ImportTaskAsync"/> decides it: the new ones are inserted in one store call and
    /// the newer versions replace the stored ones one by one.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportTasksAsync(TenantId tenant, IReadOnlyList<ImportRecord<CaseTask>> run, CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[run.Count];
        var candidates = await quarantine.QuarantineUnparsableAsync(tenant, SourceTables.Tasks, run, outcomes, cancellationToken);
        var (firsts, repeats) = SplitRepeatedIds(run, candidates, task => task.Id);

        var storedTasks = await cases.FindTasksAsync(tenant, [.. firsts.Select(i => run[i].Value!.Id)], cancellationToken);
        var existingCases = await cases.FindExistingCaseIdsAsync(tenant, CaseIdsOf(run, firsts, task => task.CaseId), cancellationToken);

        var newTasks = new List<int>(firsts.Count);
        foreach (var index in firsts)
        {
            var record = run[index];
            var task = record.Value!;
            var stored = storedTasks.GetValueOrDefault(task.Id);
            if (await CompareWithStoredTaskAsync(tenant, record, task, stored, cancellationToken) is { } settled)
            {
                outcomes[index] = settled;
            }
            else if (!existingCases.Contains(task.CaseId))
            {
                outcomes[index] = await QuarantineOrphanTaskAsync(tenant, record, task, cancellationToken);
            }
            else if (stored is null)
            {
                newTasks.Add(index);
            }
            else
            {
                // A newer version of a stored task is rare (a delta's updated task), so it keeps its own statement.
                await cases.ReplaceTaskAsync(tenant, task, record.Location, cancellationToken);
                outcomes[index] = ImportOutcome.Updated;
            }
        }

        var inserted = await cases.TryInsertTasksAsync(tenant, [.. newTasks.Select(i => new Stored<CaseTask>(run[i].Value!, run[i].Location))], cancellationToken);
        for (var k = 0; k < newTasks.Count; k++)
        {
            // A task the store rejected after the lookups found its id free and its case stored is decided again from the store.
            outcomes[newTasks[k]] = inserted[k] ? ImportOutcome.Imported : await ImportTaskAsync(tenant, run[newTasks[k]], cancellationToken);
        }

        await ImportRepeatsAsync(repeats, outcomes, index => ImportTaskAsync(tenant, run[index], cancellationToken));
        return outcomes;
    }

    /// <summary>
    /// Imports a run of reports. The run's cases are looked up in one query, a report whose case is missing is
    /// settled as <see cref="ImportReportAsync"/> settles it, and the others go to the store in one call. Only
    /// the reports it rejected are looked up, to tell this record seen again from a duplicate or a conflict.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportReportsAsync(TenantId tenant, IReadOnlyList<ImportRecord<ReportMeta>> run, CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[run.Count];
        var candidates = await quarantine.QuarantineUnparsableAsync(tenant, SourceTables.Reports, run, outcomes, cancellationToken);
        var (firsts, repeats) = SplitRepeatedIds(run, candidates, report => report.Id);
        var existingCases = await cases.FindExistingCaseIdsAsync(tenant, CaseIdsOf(run, firsts, report => report.CaseId), cancellationToken);

        var insertable = new List<int>(firsts.Count);
        foreach (var index in firsts)
        {
            var report = run[index].Value!;
            if (existingCases.Contains(report.CaseId))
            {
                insertable.Add(index);
                continue;
            }

            // As in ImportReportAsync, a report stored under this id is compared before the missing case counts.
            outcomes[index] = await cases.FindReportAsync(tenant, report.Id, cancellationToken) is { } stored
                ? await quarantine.CompareWithStoredAsync(tenant, SourceTables.Reports, report.Id, run[index], stored, cancellationToken)
                : await QuarantineOrphanReportAsync(tenant, run[index], report, cancellationToken);
        }

        var inserted = await cases.TryInsertReportsAsync(tenant, [.. insertable.Select(i => new Stored<ReportMeta>(run[i].Value!, run[i].Location))], cancellationToken);
        for (var k = 0; k < insertable.Count; k++)
        {
            // The case exists, so a rejected report has a taken id, and the per-record path compares it with the stored one.
            outcomes[insertable[k]] = inserted[k] ? ImportOutcome.Imported : await ImportReportAsync(tenant, run[insertable[k]], cancellationToken);
        }

        await ImportRepeatsAsync(repeats, outcomes, index => ImportReportAsync(tenant, run[index], cancellationToken));
        return outcomes;
    }

    /// <summary>
    /// Splits the parsed records of a run into the first record of each id and the later ones. A later record is
    /// imported on its own after the run is stored, so it meets the first one as it would if they came one by one.
    /// </summary>
    private static (List<int> Firsts, List<int> Repeats) SplitRepeatedIds<T>(IReadOnlyList<ImportRecord<T>> run, List<int> parsed, Func<T, string> idOf)
        where T : class
    {
        var seen = new HashSet<string>(parsed.Count, StringComparer.Ordinal);
        var firsts = new List<int>(parsed.Count);
        var repeats = new List<int>();
        foreach (var index in parsed)
        {
            (seen.Add(idOf(run[index].Value!)) ? firsts : repeats).Add(index);
        }

        return (firsts, repeats);
    }

    private static string[] CaseIdsOf<T>(IReadOnlyList<ImportRecord<T>> run, List<int> indexes, Func<T, string> caseIdOf)
        where T : class =>
        [.. indexes.Select(i => caseIdOf(run[i].Value!)).Distinct(StringComparer.Ordinal)];

    private static async Task ImportRepeatsAsync(List<int> repeats, ImportOutcome[] outcomes, Func<int, Task<ImportOutcome>> import)
    {
        foreach (var index in repeats)
        {
            outcomes[index] = await import(index);
        }
    }
}
