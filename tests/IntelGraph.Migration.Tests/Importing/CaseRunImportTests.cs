using IntelGraph.Cases;
using IntelGraph.Core;
using IntelGraph.Migration.Importing;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>
/// The run imports of cases, tasks and reports give every record the outcome, stored row and quarantine entry
/// that importing the same records one by one gives, including repeated ids and missing cases within a run.
/// </summary>
public sealed class CaseRunImportTests
{
    private const string CasesFile = "legacy/legacy_cases.csv";
    private const string TasksFile = "legacy/legacy_tasks.csv";
    private const string ReportsFile = "legacy/legacy_reports.csv";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IReadOnlyList<ImportRecord<CaseRecord>> Cases { get; } =
    [
        Record(CasesFile, 2, new CaseRecord("c1", "Sandworm", "open", "analyst-01")),
        Record(CasesFile, 3, new CaseRecord("c2", "Plant", "open", null)),
        Record(CasesFile, 4, new CaseRecord("c1", "Sandworm", "open", "analyst-01")),
        Record(CasesFile, 5, new CaseRecord("c2", "Plant renamed", "open", null)),
        Unparsable<CaseRecord>(CasesFile, 6),
    ];

    private static IReadOnlyList<ImportRecord<CaseTask>> Tasks { get; } =
    [
        Record(TasksFile, 2, NewTask("t1", "c1", "open", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 3, NewTask("t1", "c1", "done", "2025-02-01T00:00:00Z")),
        Record(TasksFile, 4, NewTask("t1", "c1", "stale", "2024-12-01T00:00:00Z")),
        Record(TasksFile, 5, NewTask("t2", "c-gone", "open", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 6, NewTask("t2", "c1", "open", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 7, NewTask("t3", "c1", "open", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 8, NewTask("t3", "c1", "other", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 9, NewTask("t3", "c1", "open", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 10, NewTask("t4", "c2", "open", "2025-01-01T00:00:00Z")),
        Record(TasksFile, 11, NewTask("t5", "c-gone", "open", "2025-01-01T00:00:00Z")),
        Unparsable<CaseTask>(TasksFile, 12),
    ];

    private static IReadOnlyList<ImportRecord<ReportMeta>> Reports { get; } =
    [
        Record(ReportsFile, 2, new ReportMeta("r1", "c1", "First", "partner", "reports/r1.pdf")),
        Record(ReportsFile, 3, new ReportMeta("r1", "c-gone", "First", "partner", "reports/r1.pdf")),
        Record(ReportsFile, 4, new ReportMeta("r2", "c-gone", "Orphan", null, null)),
        Record(ReportsFile, 5, new ReportMeta("r2", "c1", "Orphan found its case", null, null)),
        Record(ReportsFile, 6, new ReportMeta("r3", "c2", "Second", "internal", null)),
        Record(ReportsFile, 7, new ReportMeta("r1", "c1", "First", "partner", "reports/r1.pdf")),
        Record(ReportsFile, 8, new ReportMeta("r4", "c-gone", "Orphan", null, null)),
        Unparsable<ReportMeta>(ReportsFile, 9),
    ];

    [Fact]
    public async Task Runs_match_one_by_one_import()
    {
        await using var oneByOne = await MigrationHarness.CreateAsync();
        await using var inRuns = await MigrationHarness.CreateAsync();

        var expected = await ImportOneByOneAsync(oneByOne);
        var actual = await ImportInRunsAsync(inRuns);

        Assert.Equal(expected.Cases, actual.Cases);
        Assert.Equal(expected.Tasks, actual.Tasks);
        Assert.Equal(expected.Reports, actual.Reports);
        await AssertSameStateAsync(oneByOne, inRuns);
    }

    [Fact]
    public async Task Repeats_and_orphans_keep_their_outcomes()
    {
        await using var harness = await MigrationHarness.CreateAsync();

        var outcomes = await ImportInRunsAsync(harness);

        Assert.Equal(
            [ImportOutcome.Imported, ImportOutcome.Imported, ImportOutcome.Duplicate, ImportOutcome.Quarantined, ImportOutcome.Quarantined],
            outcomes.Cases);
        Assert.Equal(
            [
                ImportOutcome.Imported, ImportOutcome.Updated, ImportOutcome.Superseded, ImportOutcome.Quarantined, ImportOutcome.Imported,
                ImportOutcome.Imported, ImportOutcome.Quarantined, ImportOutcome.Duplicate, ImportOutcome.Imported, ImportOutcome.Quarantined,
                ImportOutcome.Quarantined,
            ],
            outcomes.Tasks);
        Assert.Equal(
            [
                ImportOutcome.Imported, ImportOutcome.Quarantined, ImportOutcome.Quarantined, ImportOutcome.Imported,
                ImportOutcome.Imported, ImportOutcome.Duplicate, ImportOutcome.Quarantined, ImportOutcome.Quarantined,
            ],
            outcomes.Reports);

        Assert.Equal(QuarantineReasons.ConflictingDuplicate, (await QuarantinedAsync(harness, ReportsFile, 3)).Reason);
        Assert.Equal(QuarantineReasons.MissingCase, (await QuarantinedAsync(harness, ReportsFile, 4)).Reason);
        Assert.Equal(QuarantineReasons.MissingCase, (await QuarantinedAsync(harness, ReportsFile, 8)).Reason);
        Assert.Equal(QuarantineReasons.MissingCase, (await QuarantinedAsync(harness, TasksFile, 5)).Reason);
        Assert.Equal(QuarantineReasons.ConflictingDuplicate, (await QuarantinedAsync(harness, TasksFile, 8)).Reason);
        Assert.Equal(new Stored<CaseTask>(NewTask("t1", "c1", "done", "2025-02-01T00:00:00Z"), new SourceLocation(TasksFile, 3)), await harness.Stores.Cases.FindTaskAsync(MigrationHarness.Tenant, "t1", Token));
        Assert.Equal(new SourceLocation(ReportsFile, 5), (await harness.Stores.Cases.FindReportAsync(MigrationHarness.Tenant, "r2", Token))?.Origin);
    }

    [Fact]
    public async Task Rerun_finds_every_record_present()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var first = await ImportInRunsAsync(harness);
        var quarantinedBefore = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, Token);

        var again = await ImportInRunsAsync(harness);

        var quarantinedAfter = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, Token);
        Assert.Equal(quarantinedBefore.Count, quarantinedAfter.Count);
        Assert.DoesNotContain(ImportOutcome.Imported, again.Cases.Concat(again.Tasks).Concat(again.Reports));
        Assert.DoesNotContain(ImportOutcome.Updated, again.Tasks);
        Assert.Equal(first.Cases.Count(o => o == ImportOutcome.Imported), again.Cases.Count(o => o == ImportOutcome.AlreadyPresent));
        Assert.Equal(first.Reports.Count(o => o == ImportOutcome.Imported), again.Reports.Count(o => o == ImportOutcome.AlreadyPresent));
    }

    private static async Task<Outcomes> ImportOneByOneAsync(MigrationHarness harness)
    {
        var importer = CreateImporter(harness);
        var cases = new List<ImportOutcome>();
        foreach (var record in Cases)
        {
            // The per-record case import no longer exists, so a run of one replaces it.
            cases.Add(Assert.Single(await importer.ImportCasesAsync(MigrationHarness.Tenant, [record], Token)));
        }

        var tasks = new List<ImportOutcome>();
        foreach (var record in Tasks)
        {
            tasks.Add(await importer.ImportTaskAsync(MigrationHarness.Tenant, record, Token));
        }

        var reports = new List<ImportOutcome>();
        foreach (var record in Reports)
        {
            reports.Add(await importer.ImportReportAsync(MigrationHarness.Tenant, record, Token));
        }

        return new Outcomes(cases, tasks, reports);
    }

    private static async Task<Outcomes> ImportInRunsAsync(MigrationHarness harness)
    {
        var importer = CreateImporter(harness);
        var cases = await importer.ImportCasesAsync(MigrationHarness.Tenant, Cases, Token);
        var tasks = await importer.ImportTasksAsync(MigrationHarness.Tenant, Tasks, Token);
        var reports = await importer.ImportReportsAsync(MigrationHarness.Tenant, Reports, Token);
        return new Outcomes([.. cases], [.. tasks], [.. reports]);
    }

    private static async Task AssertSameStateAsync(MigrationHarness expected, MigrationHarness actual)
    {
        foreach (var id in new[] { "c1", "c2" })
        {
            Assert.Equal(await expected.Stores.Cases.FindCaseAsync(MigrationHarness.Tenant, id, Token), await actual.Stores.Cases.FindCaseAsync(MigrationHarness.Tenant, id, Token));
        }

        foreach (var id in Tasks.Where(r => r.Value is not null).Select(r => r.Value!.Id).Distinct())
        {
            Assert.Equal(await expected.Stores.Cases.FindTaskAsync(MigrationHarness.Tenant, id, Token), await actual.Stores.Cases.FindTaskAsync(MigrationHarness.Tenant, id, Token));
        }

        foreach (var id in Reports.Where(r => r.Value is not null).Select(r => r.Value!.Id).Distinct())
        {
            Assert.Equal(await expected.Stores.Cases.FindReportAsync(MigrationHarness.Tenant, id, Token), await actual.Stores.Cases.FindReportAsync(MigrationHarness.Tenant, id, Token));
        }

        var expectedQuarantine = await expected.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, Token);
        var actualQuarantine = await actual.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, Token);
        Assert.Equal(expectedQuarantine.Select(Summary).Order(), actualQuarantine.Select(Summary).Order());
    }

    private static string Summary(QuarantinedRecord entry) =>
        $"{entry.Table} {entry.Location} {entry.RecordId} {entry.Reason} {entry.Detail} {entry.RecordJson}";

    private static async Task<QuarantinedRecord> QuarantinedAsync(MigrationHarness harness, string file, long line)
    {
        var entry = await harness.Stores.Migration.FindQuarantinedAsync(MigrationHarness.Tenant, new SourceLocation(file, line), Token);
        Assert.True(entry is not null, $"{file}:{line} was not quarantined.");
        return entry;
    }

    private static CaseRecordImporter CreateImporter(MigrationHarness harness) =>
        new(harness.Stores.Cases, new QuarantineWriter(harness.Stores.Migration, TimeProvider.System));

    private static ImportRecord<T> Record<T>(string file, long line, T value)
        where T : class =>
        new(value, new SourceLocation(file, line), $"raw line {line}", null);

    private static ImportRecord<T> Unparsable<T>(string file, long line)
        where T : class =>
        new(null, new SourceLocation(file, line), $"raw line {line}", "The record has too few fields.");

    private static CaseTask NewTask(string id, string caseId, string status, string updatedAt) =>
        new(id, caseId, "analyst-01", "Title of " + id, status, updatedAt);

    private sealed record Outcomes(IReadOnlyList<ImportOutcome> Cases, IReadOnlyList<ImportOutcome> Tasks, IReadOnlyList<ImportOutcome> Reports);
}
