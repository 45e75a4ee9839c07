using System.Text;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Migration.Importing;
using IntelGraph.Testing;

namespace IntelGraph.Migration.Tests.Importing;

/// <summary>Each fault kind of a real export ends in the right place, and nothing is lost or doubled.</summary>
public sealed class MessyExportMigrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_base_record_is_accounted_for()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();

        var report = await harness.MigrateBaseAsync(export.Root);

        Assert.Equal(0, report.Unaccounted);
        var claims = report.Tables.Single(t => t.Table == SourceTables.Claims);
        Assert.Equal(8, claims.Read);
        Assert.Equal(3, claims.Imported);
        Assert.Equal(1, claims.Duplicates);
        Assert.Equal(4, claims.Quarantined);
    }

    [Theory]
    [InlineData("claims.json", 5, QuarantineReasons.HashMismatch, "k3")]
    [InlineData("claims.json", 6, QuarantineReasons.ConflictingDuplicate, "k2")]
    [InlineData("claims.json", 7, QuarantineReasons.Unparsable, null)]
    [InlineData("claims.json", 8, QuarantineReasons.Unparsable, null)]
    [InlineData("graph/entities.csv", 7, QuarantineReasons.ConflictingDuplicate, "e3")]
    [InlineData("graph/entities.csv", 8, QuarantineReasons.Unparsable, null)]
    [InlineData("graph/entities.csv", 9, QuarantineReasons.Unparsable, null)]
    [InlineData("graph/edges.csv", 3, QuarantineReasons.MissingEndpoint, "x2")]
    [InlineData("graph/edges.csv", 4, QuarantineReasons.MissingEndpoint, "x3")]
    [InlineData("legacy/legacy_tasks.csv", 3, QuarantineReasons.MissingCase, "t2")]
    [InlineData("legacy/legacy_reports.csv", 3, QuarantineReasons.MissingCase, "r2")]
    public async Task Fault_is_quarantined_with_its_reason(string file, long line, string reason, string? recordId)
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);

        var record = await harness.Stores.Migration.FindQuarantinedAsync(MigrationHarness.Tenant, new SourceLocation(file, line), Token);

        Assert.NotNull(record);
        Assert.Equal(reason, record.Reason);
        if (recordId is not null)
        {
            Assert.Equal(recordId, record.RecordId);
        }

        Assert.False(string.IsNullOrWhiteSpace(record.RawText));
        Assert.False(string.IsNullOrWhiteSpace(record.Detail));
    }

    [Fact]
    public async Task Quoted_newline_field_is_kept_whole()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);

        var entity = await harness.Stores.Graph.FindEntityAsync(MigrationHarness.Tenant, "e2", Token);

        Assert.Equal("Spearphishing, \"targeted\"\nwith newline", entity?.Value.Label);
        Assert.Equal(new SourceLocation("graph/entities.csv", 3), entity?.Origin);
    }

    [Fact]
    public async Task Unknown_members_are_stored_verbatim()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);

        var stored = await harness.Stores.Ledger.GetClaimsAsync(MigrationHarness.Tenant, ["k4"], Token);

        var expected = MessyExport.WithHash(MessyExport.UnknownMembersClaim);
        Assert.Equal(expected, Encoding.UTF8.GetString(stored["k4"].Body.Span));
        Assert.Equal(ClaimDigest.Compute(Encoding.UTF8.GetBytes(expected)), stored["k4"].Digest);
    }

    [Fact]
    public async Task Delta_resolves_edge_whose_endpoint_arrives()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);

        var report = await harness.ApplyDeltaAsync(export.Delta);

        Assert.Equal(1, report.Tables.Single(t => t.Table == SourceTables.Edges).Resolved);
        var edge = await harness.Stores.Graph.FindEdgeAsync(MigrationHarness.Tenant, "x2", Token);
        Assert.Equal(new SourceLocation("graph/edges.csv", 3), edge?.Origin);
        var open = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: false, Token);
        Assert.DoesNotContain(open, q => q.RecordId == "x2");
        Assert.Contains(open, q => q.RecordId == "x3");
    }

    [Fact]
    public async Task Delta_task_changes_follow_updated_at()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);

        var report = await harness.ApplyDeltaAsync(export.Delta);

        var tasks = report.Tables.Single(t => t.Table == SourceTables.Tasks);
        Assert.Equal(1, tasks.Updated);
        Assert.Equal(1, tasks.Superseded);
        Assert.Equal("done", (await harness.Stores.Cases.FindTaskAsync(MigrationHarness.Tenant, "t3", Token))?.Value.Status);
        Assert.Equal("open", (await harness.Stores.Cases.FindTaskAsync(MigrationHarness.Tenant, "t1", Token))?.Value.Status);
    }

    [Fact]
    public async Task Rerun_adds_no_quarantine_entries()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);
        await harness.ApplyDeltaAsync(export.Delta);
        var before = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, Token);

        var rerunBase = await harness.MigrateBaseAsync(export.Root);
        var rerunDelta = await harness.ApplyDeltaAsync(export.Delta);

        var after = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: true, Token);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(0, rerunBase.Tables.Sum(t => t.Imported + t.Updated));
        Assert.Equal(0, rerunDelta.Tables.Sum(t => t.Imported + t.Updated));
        Assert.Equal(0, rerunBase.ManifestsSealed + rerunDelta.ManifestsSealed);
    }

    [Fact]
    public async Task Reconciliation_explains_every_fault()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);
        await harness.ApplyDeltaAsync(export.Delta);

        var report = await harness.ReconcileAsync(export.Root);

        Assert.True(report.Ok, string.Join(Environment.NewLine, report.Problems));
        Assert.All(report.Tables.Values, t => Assert.Equal(0, t.Missing));
        Assert.All(report.Tables.Values, t => Assert.Equal(t.Source, t.Imported + t.Duplicates + t.Quarantined));
        Assert.Contains(report.Quarantine, q => q.Reason == QuarantineReasons.HashMismatch && q.Id == "k3");
    }

    [Fact]
    public async Task Reconciliation_reports_a_record_lost_from_the_store()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();
        await harness.MigrateBaseAsync(export.Root);

        // Simulate loss behind the migration's back: a task row disappears from the store.
        Assert.Equal(1, await TestStores.ExecuteAsync(harness.Stores.Location, "DELETE FROM tasks WHERE id = 't4';"));

        var report = await harness.ReconcileAsync(export.Root);

        Assert.False(report.Ok);
        Assert.Equal(1, report.Tables[SourceTables.Tasks].Missing);
    }

    [Fact]
    public async Task Manifests_skip_quarantined_and_repeated_ids()
    {
        using var export = new MessyExport();
        await using var harness = await MigrationHarness.CreateAsync();

        var report = await harness.MigrateBaseAsync(export.Root);

        var manifests = await harness.Stores.Manifests.ListAsync(MigrationHarness.Tenant, Token);
        var manifest = await harness.Stores.Manifests.FindAsync(MigrationHarness.Tenant, Assert.Single(manifests).Id, Token);
        Assert.Equal(["k1", "k2", "k4"], manifest!.Leaves.Select(l => l.ClaimId));
        Assert.Single(report.ClaimIdsWithoutClaim);
    }

    [Fact]
    public async Task Quarantine_keeps_nul_and_invalid_bytes()
    {
        using var export = new MessyExport();
        var claimsPath = Path.Combine(export.Root, "claims.json");
        var original = await File.ReadAllBytesAsync(claimsPath, Token);
        var insertAt = Array.IndexOf(original, (byte)'{', 4) + 1;
        byte[] damage = [0x00, 0x01, 0xFF, 0xFE];
        await File.WriteAllBytesAsync(claimsPath, [.. original[..insertAt], .. damage, .. original[insertAt..]], Token);
        await using var harness = await MigrationHarness.CreateAsync();

        await harness.MigrateBaseAsync(export.Root);

        var entries = await harness.Stores.Migration.ListQuarantinedAsync(MigrationHarness.Tenant, includeResolved: false, Token);
        var damaged = entries.Single(e => e.RawBytes is { } bytes && bytes.AsSpan().IndexOf(damage) >= 0);
        Assert.Equal(QuarantineReasons.Unparsable, damaged.Reason);
        Assert.True(damaged.RawBytes!.Length > damage.Length + 10, "The bytes after the NUL were lost.");
    }
}
