using System.Text.Json;
using IntelGraph.Migration;
using IntelGraph.Storage;
using IntelGraph.Testing;

namespace IntelGraph.Cli.Tests;

/// <summary>
/// <c>--legacy-db</c>: cases, tasks and reports read from the old pilot's PostgreSQL database, loaded from the
/// export's own <c>legacy/legacy.sql</c>, with the same accounting as the CSV path. These tests need a PostgreSQL
/// server, so they run in the PostgreSQL pass of scripts/test.sh.
/// </summary>
public sealed class LegacyDatabaseTests
{
    private static readonly string PilotIcs = RepositoryFolders.Shared("datasets", "pilot-ics");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Legacy_database_matches_csv_counts()
    {
        Assert.SkipUnless(TestStores.OnPostgres, "Needs a PostgreSQL server for the legacy database; runs in the PostgreSQL pass.");
        using var workspace = new Workspace();
        var legacy = await LegacyDatabaseAsync(workspace, "legacy", Path.Combine(PilotIcs, "legacy", "legacy.sql"));

        var viaDatabase = await CliRun.InvokeAsync(
            "migrate", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Store("by-database"), "--legacy-db", legacy.Value, "--json");
        var viaCsv = await CliRun.InvokeAsync("migrate", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Store("by-csv"), "--json");
        var verify = await CliRun.InvokeAsync(
            "verify", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Store("by-database"), "--legacy-db", legacy.Value, "--json");

        Assert.True(viaDatabase.ExitCode == ExitCodes.Ok, viaDatabase.ToString());
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
        using var database = JsonDocument.Parse(viaDatabase.Output);
        using var csv = JsonDocument.Parse(viaCsv.Output);
        foreach (var table in new[] { SourceTables.Cases, SourceTables.Tasks, SourceTables.Reports })
        {
            var fromDatabase = database.RootElement.GetProperty("tables").GetProperty(table);
            Assert.Equal(csv.RootElement.GetProperty("tables").GetProperty(table).GetProperty("imported").GetInt64(), fromDatabase.GetProperty("imported").GetInt64());
            Assert.Equal(fromDatabase.GetProperty("read").GetInt64(), fromDatabase.GetProperty("imported").GetInt64());
        }

        Assert.Equal(24, database.RootElement.GetProperty("tables").GetProperty(SourceTables.Cases).GetProperty("imported").GetInt64());
        Assert.Equal(104, database.RootElement.GetProperty("tables").GetProperty(SourceTables.Tasks).GetProperty("imported").GetInt64());
        Assert.Equal(137, database.RootElement.GetProperty("tables").GetProperty(SourceTables.Reports).GetProperty("imported").GetInt64());
    }

    [Fact]
    public async Task Bad_legacy_rows_are_quarantined()
    {
        Assert.SkipUnless(TestStores.OnPostgres, "Needs a PostgreSQL server for the legacy database; runs in the PostgreSQL pass.");
        using var workspace = new Workspace();
        var legacy = await TestStores.CreateAsync(workspace.Root, "legacy");
        await TestStores.ExecuteAsync(legacy, await File.ReadAllTextAsync(Path.Combine(PilotIcs, "legacy", "legacy.sql"), Token));

        // Three faults the old database allowed: a task of a case that does not exist, a task without a time, a report without a title.
        await TestStores.ExecuteAsync(legacy, """
            INSERT INTO legacy_tasks VALUES ('zz-orphan', 'no-such-case', 'analyst-01', 'Orphaned task', 'open', '2025-06-01T12:00:00Z');
            INSERT INTO legacy_tasks VALUES ('zz-no-time', '46421788-b6e1-4256-b351-f8beffd1afba', 'analyst-01', 'Task without a time', 'open', NULL);
            INSERT INTO legacy_reports VALUES ('zz-untitled', '46421788-b6e1-4256-b351-f8beffd1afba', NULL, 'internal', 'reports/zz.pdf');
            """);

        string[] migrate = ["migrate", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Database, "--legacy-db", legacy.Value, "--json", "--accept-quarantine"];
        var first = await CliRun.InvokeAsync(migrate);
        var again = await CliRun.InvokeAsync(migrate);
        var quarantine = await CliRun.InvokeAsync("quarantine", "list", "--tenant", "pilot", "--db", workspace.Database, "--json");
        var verify = await CliRun.InvokeAsync("verify", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Database, "--legacy-db", legacy.Value);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        using var report = JsonDocument.Parse(first.Output);
        var tasks = report.RootElement.GetProperty("tables").GetProperty(SourceTables.Tasks);
        Assert.Equal(106, tasks.GetProperty("read").GetInt64());
        Assert.Equal(104, tasks.GetProperty("imported").GetInt64());
        Assert.Equal(2, tasks.GetProperty("quarantined").GetInt64());
        Assert.Equal(1, report.RootElement.GetProperty("tables").GetProperty(SourceTables.Reports).GetProperty("quarantined").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("unaccounted").GetInt64());

        using var rerun = JsonDocument.Parse(again.Output);
        Assert.Equal(0, rerun.RootElement.GetProperty("tables").GetProperty(SourceTables.Tasks).GetProperty("imported").GetInt64());

        using var quarantined = JsonDocument.Parse(quarantine.Output);
        var records = quarantined.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, records.Count);
        Assert.Contains(records, r => r.GetProperty("id").GetString() == "zz-orphan" && r.GetProperty("reason").GetString() == QuarantineReasons.MissingCase);
        Assert.Contains(records, r => r.GetProperty("rawText").GetString()!.StartsWith("zz-no-time,", StringComparison.Ordinal)
            && r.GetProperty("reason").GetString() == QuarantineReasons.Unparsable);
        Assert.Contains(records, r => r.GetProperty("rawText").GetString()!.StartsWith("zz-untitled,", StringComparison.Ordinal)
            && r.GetProperty("file").GetString() == "legacy-db/legacy_reports");
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
    }

    [Fact]
    public async Task Legacy_delta_updates_tasks()
    {
        Assert.SkipUnless(TestStores.OnPostgres, "Needs a PostgreSQL server for the legacy database; runs in the PostgreSQL pass.");
        using var workspace = new Workspace();
        var legacyBase = await LegacyDatabaseAsync(workspace, "legacy-base", Path.Combine(PilotIcs, "legacy", "legacy.sql"));
        var legacyDelta = await LegacyDatabaseAsync(workspace, "legacy-delta", Path.Combine(PilotIcs, "deltas", "0001", "legacy", "legacy.sql"));

        var migrated = await CliRun.InvokeAsync("migrate", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Database, "--legacy-db", legacyBase.Value);
        var delta = await CliRun.InvokeAsync(
            "migrate", "--delta", Path.Combine(PilotIcs, "deltas", "0001"), "--tenant", "pilot", "--db", workspace.Database, "--legacy-db", legacyDelta.Value, "--json");

        Assert.True(migrated.ExitCode == ExitCodes.Ok, migrated.ToString());
        Assert.True(delta.ExitCode == ExitCodes.Ok, delta.ToString());
        using var report = JsonDocument.Parse(delta.Output);
        var tasks = report.RootElement.GetProperty("tables").GetProperty(SourceTables.Tasks);
        Assert.Equal(13, tasks.GetProperty("updated").GetInt64());
        Assert.Equal(tasks.GetProperty("read").GetInt64(), tasks.GetProperty("updated").GetInt64() + tasks.GetProperty("imported").GetInt64()
            + tasks.GetProperty("alreadyPresent").GetInt64() + tasks.GetProperty("superseded").GetInt64());
    }

    [Fact]
    public async Task Legacy_database_without_tables_fails()
    {
        Assert.SkipUnless(TestStores.OnPostgres, "Needs a PostgreSQL server for the legacy database; runs in the PostgreSQL pass.");
        using var workspace = new Workspace();
        var empty = await TestStores.CreateAsync(workspace.Root, "empty-legacy");

        var result = await CliRun.InvokeAsync("migrate", "--from", PilotIcs, "--tenant", "pilot", "--db", workspace.Database, "--legacy-db", empty.Value);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("load the pilot's legacy/legacy.sql", result.Error, StringComparison.Ordinal);
    }

    private static async Task<StoreLocation> LegacyDatabaseAsync(Workspace workspace, string name, string sqlFile)
    {
        var location = await TestStores.CreateAsync(workspace.Root, name);
        await TestStores.ExecuteAsync(location, await File.ReadAllTextAsync(sqlFile, Token));
        return location;
    }
}
