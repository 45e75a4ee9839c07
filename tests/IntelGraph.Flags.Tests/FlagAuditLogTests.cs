using IntelGraph.Flags.Audit;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Flags.Tests;

/// <summary>The audit log: which changes are recorded, what an entry holds, and the baseline read back from the log.</summary>
public sealed class FlagAuditLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intelgraph-flags-audit-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Only_changed_settings_are_entries()
    {
        var before = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("prod", "prodMode: true"), "flags.yaml");
        var after = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("prod", "prodMode: true", "enableXAI: { groups: [internal] }"), "flags.yaml");

        var entries = FlagAuditEntries.ForChange(FlagChanges.Flatten(before), after, "flags.yaml", "sha256:1", FlagAuditEntry.SourceServer, DateTimeOffset.UnixEpoch);

        var entry = Assert.Single(entries);
        Assert.Equal(FlagNames.EnableXai, entry.Flag);
        Assert.Equal("prod", entry.Environment);
        Assert.Equal(FlagSetting.Off, entry.Before);
        Assert.Equal(new FlagSetting(false, [], ["internal"], 0), entry.After);
        Assert.Equal("tester", entry.ChangedBy);
        Assert.Equal(Path.GetFullPath("flags.yaml"), entry.File);
    }

    [Fact]
    public void First_load_records_every_setting()
    {
        var document = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("prod") + FlagsYaml.Environment("dev"), "flags.yaml");

        var entries = FlagAuditEntries.ForChange(new Dictionary<FlagKey, FlagSetting>(), document, "flags.yaml", "sha256:1", FlagAuditEntry.SourceServer, DateTimeOffset.UnixEpoch);

        Assert.Equal(12, entries.Count);
        Assert.All(entries, entry => Assert.Null(entry.Before));
        Assert.Equal("dev", entries[0].Environment);
    }

    [Fact]
    public void Removed_environment_is_recorded()
    {
        var before = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("prod") + FlagsYaml.Environment("dev"), "flags.yaml");
        var after = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("prod"), "flags.yaml");

        var entries = FlagAuditEntries.ForChange(FlagChanges.Flatten(before), after, "flags.yaml", "sha256:1", FlagAuditEntry.SourceServer, DateTimeOffset.UnixEpoch);

        Assert.Equal(6, entries.Count);
        Assert.All(entries, entry => Assert.Equal("dev", entry.Environment));
        Assert.All(entries, entry => Assert.Null(entry.After));
    }

    [Fact]
    public void Author_defaults_to_unknown()
    {
        var document = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("prod").Replace("metadata:\n  changedBy: tester\n", string.Empty, StringComparison.Ordinal), "flags.yaml");

        var entries = FlagAuditEntries.ForChange(new Dictionary<FlagKey, FlagSetting>(), document, "flags.yaml", "sha256:1", FlagAuditEntry.SourceServer, DateTimeOffset.UnixEpoch);
        var byOperator = FlagAuditEntries.ForChange(new Dictionary<FlagKey, FlagSetting>(), document, "flags.yaml", "sha256:1", FlagAuditEntry.SourceCli, DateTimeOffset.UnixEpoch, changedBy: "alice");

        Assert.All(entries, entry => Assert.Equal(FlagAuditEntry.UnknownAuthor, entry.ChangedBy));
        Assert.All(byOperator, entry => Assert.Equal("alice", entry.ChangedBy));
    }

    [Fact]
    public async Task Appended_entries_read_back()
    {
        var log = new FlagAuditLog(Path.Combine(_folder, "sub", FlagAuditLog.DefaultFileName));
        var at = new DateTimeOffset(2026, 12, 4, 22, 0, 0, TimeSpan.Zero);
        var first = new FlagAuditEntry(at, FlagNames.EnableXai, "prod", null, FlagSetting.Off, "alice", "start", FlagAuditEntry.SourceServer, "/f.yaml", "sha256:1");
        var second = first with { Before = FlagSetting.Off, After = new FlagSetting(false, ["pilot"], [], 10), ChangedBy = "bob", Revision = "sha256:2" };

        await log.AppendAsync([first], Cancellation);
        await log.AppendAsync([second], Cancellation);
        var (entries, invalid) = await log.ReadAsync(Cancellation);

        Assert.Empty(invalid);
        Assert.Equal(2, entries.Count);
        Assert.Equal(first, entries[0]);
        Assert.Equal(second, entries[1]);
        Assert.Equal(2, (await File.ReadAllLinesAsync(log.Path, Cancellation)).Length);
        Assert.Equal(second.After, FlagAuditLog.LatestSettings(entries)[new FlagKey("prod", FlagNames.EnableXai)]);
    }

    [Fact]
    public async Task Entry_line_has_documented_fields()
    {
        var log = new FlagAuditLog(Path.Combine(_folder, FlagAuditLog.DefaultFileName));
        var entry = new FlagAuditEntry(DateTimeOffset.UnixEpoch, FlagNames.ProdMode, "stage", FlagSetting.Off, FlagSetting.On, "alice", null, FlagAuditEntry.SourceCli, "/f.yaml", "sha256:1");

        await log.AppendAsync([entry], Cancellation);

        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(log.Path, Cancellation));
        var names = json.RootElement.EnumerateObject().Select(property => property.Name).ToList();
        Assert.Equal(["at", "flag", "environment", "before", "after", "changedBy", "reason", "source", "file", "revision"], names);
        Assert.Equal(["enabled", "tenants", "groups", "percentage"], json.RootElement.GetProperty("after").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Truncated_line_is_skipped_and_reported()
    {
        var log = new FlagAuditLog(Path.Combine(_folder, FlagAuditLog.DefaultFileName));
        var entry = new FlagAuditEntry(DateTimeOffset.UnixEpoch, FlagNames.ProdMode, "stage", null, FlagSetting.On, "alice", null, FlagAuditEntry.SourceCli, "/f.yaml", "sha256:1");
        await log.AppendAsync([entry], Cancellation);
        await File.AppendAllTextAsync(log.Path, "{\"at\":\"2026-", Cancellation);

        var (entries, invalid) = await log.ReadAsync(Cancellation);

        Assert.Single(entries);
        Assert.Equal([2], invalid);
    }

    [Fact]
    public async Task Missing_log_has_no_entries()
    {
        var (entries, invalid) = await new FlagAuditLog(Path.Combine(_folder, "none.jsonl")).ReadAsync(Cancellation);

        Assert.Empty(entries);
        Assert.Empty(invalid);
    }
}
