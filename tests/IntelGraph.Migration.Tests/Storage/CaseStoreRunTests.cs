using IntelGraph.Cases;
using IntelGraph.Core;
using IntelGraph.Migration.Tests.Importing;

namespace IntelGraph.Migration.Tests.Storage;

/// <summary>The case store's run inserts and run lookups, on whichever store <see cref="Testing.TestStores"/> picks.</summary>
public sealed class CaseStoreRunTests
{
    private static readonly TenantId Other = TenantId.Parse("other");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Case_run_skips_taken_and_repeated_ids()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var cases = harness.Stores.Cases;
        await cases.InsertCaseAsync(MigrationHarness.Tenant, new CaseRecord("c0", "Stored before", "open", null), At(1), Token);

        var inserted = await cases.TryInsertCasesAsync(
            MigrationHarness.Tenant,
            [
                new(new CaseRecord("c1", "First", "open", "analyst-01", "high"), At(2)),
                new(new CaseRecord("c0", "Taken id", "open", null), At(3)),
                new(new CaseRecord("c1", "Repeated id", "closed", null), At(4)),
                new(new CaseRecord("c2", "Second", "closed", null), null),
            ],
            Token);

        Assert.Equal([true, false, false, true], inserted);
        Assert.Equal(new Stored<CaseRecord>(new CaseRecord("c1", "First", "open", "analyst-01", "high"), At(2)), await cases.FindCaseAsync(MigrationHarness.Tenant, "c1", Token));
        Assert.Equal(new Stored<CaseRecord>(new CaseRecord("c2", "Second", "closed", null), null), await cases.FindCaseAsync(MigrationHarness.Tenant, "c2", Token));
        Assert.Equal("Stored before", (await cases.FindCaseAsync(MigrationHarness.Tenant, "c0", Token))?.Value.Name);
    }

    [Fact]
    public async Task Task_run_skips_taken_and_orphaned()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var cases = harness.Stores.Cases;
        await cases.InsertCaseAsync(MigrationHarness.Tenant, new CaseRecord("c1", "Case", "open", null), At(1), Token);
        await cases.InsertTaskAsync(MigrationHarness.Tenant, NewTask("t0", "c1", "open"), At(2), Token);

        var inserted = await cases.TryInsertTasksAsync(
            MigrationHarness.Tenant,
            [
                new(NewTask("t1", "c1", "open"), At(3)),
                new(NewTask("t0", "c1", "done"), At(4)),
                new(NewTask("t2", "c-gone", "open"), At(5)),
                new(NewTask("t1", "c1", "done"), At(6)),
                new(NewTask("t3", "c1", "done") with { Assignee = null }, At(7)),
            ],
            Token);

        Assert.Equal([true, false, false, false, true], inserted);
        Assert.Equal(new Stored<CaseTask>(NewTask("t1", "c1", "open"), At(3)), await cases.FindTaskAsync(MigrationHarness.Tenant, "t1", Token));
        Assert.Equal(new Stored<CaseTask>(NewTask("t3", "c1", "done") with { Assignee = null }, At(7)), await cases.FindTaskAsync(MigrationHarness.Tenant, "t3", Token));
        Assert.Equal("open", (await cases.FindTaskAsync(MigrationHarness.Tenant, "t0", Token))?.Value.Status);
        Assert.Null(await cases.FindTaskAsync(MigrationHarness.Tenant, "t2", Token));
    }

    [Fact]
    public async Task Report_run_skips_taken_and_orphaned()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var cases = harness.Stores.Cases;
        await cases.InsertCaseAsync(MigrationHarness.Tenant, new CaseRecord("c1", "Case", "open", null), At(1), Token);
        await cases.InsertReportAsync(MigrationHarness.Tenant, new ReportMeta("r0", "c1", "Stored before", null, null), At(2), Token);

        var inserted = await cases.TryInsertReportsAsync(
            MigrationHarness.Tenant,
            [
                new(new ReportMeta("r1", "c1", "First", "partner", "reports/r1.pdf"), At(3)),
                new(new ReportMeta("r0", "c1", "Taken id", null, null), At(4)),
                new(new ReportMeta("r2", "c-gone", "Orphan", null, null), At(5)),
                new(new ReportMeta("r1", "c1", "Repeated id", null, null), At(6)),
                new(new ReportMeta("r3", "c1", "No audience", null, null), At(7)),
            ],
            Token);

        Assert.Equal([true, false, false, false, true], inserted);
        Assert.Equal(new Stored<ReportMeta>(new ReportMeta("r1", "c1", "First", "partner", "reports/r1.pdf"), At(3)), await cases.FindReportAsync(MigrationHarness.Tenant, "r1", Token));
        Assert.Equal(new Stored<ReportMeta>(new ReportMeta("r3", "c1", "No audience", null, null), At(7)), await cases.FindReportAsync(MigrationHarness.Tenant, "r3", Token));
        Assert.Equal("Stored before", (await cases.FindReportAsync(MigrationHarness.Tenant, "r0", Token))?.Value.Title);
        Assert.Null(await cases.FindReportAsync(MigrationHarness.Tenant, "r2", Token));
    }

    [Fact]
    public async Task Empty_runs_store_nothing()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var cases = harness.Stores.Cases;

        Assert.Empty(await cases.TryInsertCasesAsync(MigrationHarness.Tenant, [], Token));
        Assert.Empty(await cases.TryInsertTasksAsync(MigrationHarness.Tenant, [], Token));
        Assert.Empty(await cases.TryInsertReportsAsync(MigrationHarness.Tenant, [], Token));
        Assert.Empty(await cases.FindExistingCaseIdsAsync(MigrationHarness.Tenant, [], Token));
        Assert.Empty(await cases.FindTasksAsync(MigrationHarness.Tenant, [], Token));
        Assert.Equal(new(0, 0, 0), await cases.CountAsync(MigrationHarness.Tenant, Token));
    }

    [Fact]
    public async Task Existing_case_ids_stay_in_tenant()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var cases = harness.Stores.Cases;
        await cases.InsertCaseAsync(MigrationHarness.Tenant, new CaseRecord("c1", "Ours", "open", null), null, Token);
        await cases.InsertCaseAsync(MigrationHarness.Tenant, new CaseRecord("c2", "Ours too", "open", null), null, Token);
        await cases.InsertCaseAsync(Other, new CaseRecord("c3", "Another tenant's", "open", null), null, Token);

        var existing = await cases.FindExistingCaseIdsAsync(MigrationHarness.Tenant, ["c1", "c3", "c-gone", "c2"], Token);

        Assert.Equal(["c1", "c2"], existing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Found_tasks_carry_their_origin()
    {
        await using var harness = await MigrationHarness.CreateAsync();
        var cases = harness.Stores.Cases;
        await cases.InsertCaseAsync(MigrationHarness.Tenant, new CaseRecord("c1", "Ours", "open", null), null, Token);
        await cases.InsertTaskAsync(MigrationHarness.Tenant, NewTask("t1", "c1", "open"), At(2), Token);
        await cases.InsertTaskAsync(MigrationHarness.Tenant, NewTask("t2", "c1", "done") with { Assignee = null }, null, Token);
        await cases.InsertCaseAsync(Other, new CaseRecord("c1", "Another tenant's", "open", null), null, Token);
        await cases.InsertTaskAsync(Other, NewTask("t3", "c1", "open"), null, Token);

        var found = await cases.FindTasksAsync(MigrationHarness.Tenant, ["t1", "t2", "t3", "t-gone"], Token);

        Assert.Equal(["t1", "t2"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Stored<CaseTask>(NewTask("t1", "c1", "open"), At(2)), found["t1"]);
        Assert.Equal(new Stored<CaseTask>(NewTask("t2", "c1", "done") with { Assignee = null }, null), found["t2"]);
    }

    private static SourceLocation At(long line) => new("legacy/legacy_test.csv", line);

    private static CaseTask NewTask(string id, string caseId, string status) =>
        new(id, caseId, "analyst-01", "Title of " + id, status, "2025-01-01T00:00:00Z");
}
