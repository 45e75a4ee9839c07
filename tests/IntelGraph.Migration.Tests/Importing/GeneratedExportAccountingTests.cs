using IntelGraph.Migration.Sample;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>
/// The importer against the generator's own record of where each planted fault must end up: every
/// count of every table of every part, and every quarantined record's reason, file and line.
/// </summary>
public sealed class GeneratedExportAccountingTests : IDisposable
{
    private static readonly PilotExportOptions Options = new()
    {
        Tenant = "pilot",
        Seed = 31,
        Claims = 3000,
        Deltas = 2,
        ClaimsPerDelta = 500,
        Faults = PilotExportFaults.All,
        FaultRate = 0.02,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "intelgraph-generated-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless, and failing here would hide the test's own result.
        }
    }

    [Fact]
    public async Task Every_part_matches_the_expected_accounting()
    {
        var expected = new PilotExportGenerator(Options).Generate(_root, cancellationToken: TestContext.Current.CancellationToken);
        await using var harness = await MigrationHarness.CreateAsync();

        foreach (var part in expected.Parts)
        {
            var report = part.Name == ExpectedPartAccounting.BaseName
                ? await harness.MigrateBaseAsync(_root)
                : await harness.ApplyDeltaAsync(Path.Combine(_root, part.Name));

            foreach (var table in part.Tables)
            {
                var actual = report.Tables.Single(t => t.Table == table.Table);
                var label = $"{part.Name} {table.Table}";
                Assert.True(table.Written == actual.Read, $"{label}: read {actual.Read}, expected {table.Written}");
                Assert.True(table.Imported == actual.Imported, $"{label}: imported {actual.Imported}, expected {table.Imported}");
                Assert.True(table.Duplicates == actual.Duplicates, $"{label}: duplicates {actual.Duplicates}, expected {table.Duplicates}");
                Assert.True(table.Updated == actual.Updated, $"{label}: updated {actual.Updated}, expected {table.Updated}");
                Assert.True(table.Quarantined == actual.Quarantined, $"{label}: quarantined {actual.Quarantined}, expected {table.Quarantined}");
                Assert.True(table.Resolved == actual.Resolved, $"{label}: resolved {actual.Resolved}, expected {table.Resolved}");
            }
        }
    }

    [Fact]
    public async Task Every_planted_fault_is_quarantined_where_expected()
    {
        var expected = new PilotExportGenerator(Options).Generate(_root, cancellationToken: TestContext.Current.CancellationToken);
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(_root);
        foreach (var delta in expected.Parts.Skip(1))
        {
            await harness.ApplyDeltaAsync(Path.Combine(_root, delta.Name));
        }

        var stored = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, TestContext.Current.CancellationToken);
        var plantedFaults = expected.Parts.SelectMany(p => p.Quarantined).ToList();
        Assert.Equal(plantedFaults.Count, stored.Count);
        foreach (var fault in plantedFaults)
        {
            var entry = stored.SingleOrDefault(q => q.Location == fault.Location);
            Assert.True(entry is not null, $"{fault.Location} ({fault.Reason}) was not quarantined.");
            Assert.Equal(fault.Reason, entry.Reason);
            Assert.Equal(fault.Table, entry.Table);
            Assert.Equal(fault.ResolvedBy is not null, entry.ResolvedAt is not null);
        }

        var reconciliation = await harness.ReconcileAsync(_root);
        Assert.True(reconciliation.Ok, string.Join(Environment.NewLine, reconciliation.Problems));
    }

    [Fact]
    public async Task Deltas_must_be_applied_in_order()
    {
        new PilotExportGenerator(Options).Generate(_root, cancellationToken: TestContext.Current.CancellationToken);
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(_root);

        var error = await Assert.ThrowsAsync<Core.InvalidInputException>(() => harness.ApplyDeltaAsync(Path.Combine(_root, "deltas", "0002")));

        Assert.Contains("deltas/0001", error.Message, StringComparison.Ordinal);
    }
}
