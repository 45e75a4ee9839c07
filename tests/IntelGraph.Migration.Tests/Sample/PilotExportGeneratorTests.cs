using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Migration.Tests.Sample;

public sealed class PilotExportGeneratorTests
{
    private static readonly string[] _partFiles =
    [
        "claim_ids.txt",
        "claims.json",
        "export.json",
        "graph/edges.csv",
        "graph/entities.csv",
        "legacy/legacy.sql",
        "legacy/legacy_cases.csv",
        "legacy/legacy_reports.csv",
        "legacy/legacy_tasks.csv",
    ];

    [Fact]
    public void Same_seed_gives_identical_files()
    {
        using var first = new GeneratedExport(GeneratedExport.Messy(seed: 11));
        using var second = new GeneratedExport(GeneratedExport.Messy(seed: 11));

        Assert.Equal(first.Files(), second.Files());
        foreach (string file in first.Files())
        {
            Assert.True(first.ReadBytes(file).AsSpan().SequenceEqual(second.ReadBytes(file)), $"{file} differs between two runs with the same seed.");
        }
    }

    [Fact]
    public void Same_seed_gives_equal_accounting()
    {
        using var first = new GeneratedExport(GeneratedExport.Messy(seed: 11));
        using var second = new GeneratedExport(GeneratedExport.Messy(seed: 11));

        for (int part = 0; part < first.Manifest.Parts.Count; part++)
        {
            Assert.Equal(first.Manifest.Parts[part].Quarantined, second.Manifest.Parts[part].Quarantined);
            Assert.Equal(
                first.Manifest.Parts[part].Tables.Select(t => (t.Table, t.Written, t.Imported, t.Duplicates, t.Updated, t.Quarantined, t.Resolved)),
                second.Manifest.Parts[part].Tables.Select(t => (t.Table, t.Written, t.Imported, t.Duplicates, t.Updated, t.Quarantined, t.Resolved)));
        }
    }

    [Fact]
    public void Different_seed_gives_different_ids()
    {
        using var first = new GeneratedExport(GeneratedExport.Messy(seed: 1));
        using var second = new GeneratedExport(GeneratedExport.Messy(seed: 2));

        string[] firstIds = first.ReadText("claim_ids.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] secondIds = second.ReadText("claim_ids.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] firstEntities = [.. ReadFirstColumn(first, "graph/entities.csv")];
        string[] secondEntities = [.. ReadFirstColumn(second, "graph/entities.csv")];

        Assert.Empty(firstIds.Where(id => id != "null").Intersect(secondIds));
        Assert.Empty(firstEntities.Intersect(secondEntities));
    }

    [Fact]
    public void Layout_matches_pilot_export()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 3, Claims = 50, Deltas = 2, ClaimsPerDelta = 10 });

        string[] expected =
        [
            .. _partFiles,
            .. _partFiles.Select(f => "deltas/0001/" + f),
            .. _partFiles.Select(f => "deltas/0002/" + f),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), export.Files());
        Assert.Equal(["base", "deltas/0001", "deltas/0002"], export.Manifest.Parts.Select(p => p.Name));
    }

    [Fact]
    public void Headers_match_pilot_export()
    {
        string pilotRoot = PilotDataset.Root;
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 3, Claims = 50 });

        foreach (string file in GeneratedExport.CsvFiles)
        {
            string pilotHeader = File.ReadLines(Path.Combine(pilotRoot, file)).First();
            string header = export.ReadText(file).Split('\n')[0];
            Assert.Equal(pilotHeader, header);
        }

        string[] pilotDdl = [.. File.ReadLines(Path.Combine(pilotRoot, "legacy/legacy.sql")).Where(l => l.StartsWith("CREATE TABLE", StringComparison.Ordinal))];
        string[] ddl = [.. export.ReadText("legacy/legacy.sql").Split('\n').Where(l => l.StartsWith("CREATE TABLE", StringComparison.Ordinal))];
        Assert.Equal(pilotDdl, ddl);
    }

    [Fact]
    public void Export_json_has_pilot_members()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 3, Claims = 50, Deltas = 2, ClaimsPerDelta = 10 });

        using var baseJson = JsonDocument.Parse(export.ReadBytes("export.json"));
        using var firstDelta = JsonDocument.Parse(export.ReadBytes("deltas/0001/export.json"));
        using var lastDelta = JsonDocument.Parse(export.ReadBytes("deltas/0002/export.json"));

        Assert.Equal(["tenant", "counts", "exportedAt", "watermark"], baseJson.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["tenant", "counts", "since", "watermark", "updatedTasks"], firstDelta.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sample", baseJson.RootElement.GetProperty("tenant").GetString());
        Assert.Equal("2025-06-01T00:00:00.000Z", baseJson.RootElement.GetProperty("watermark").GetString());
        Assert.Equal("2025-06-01T00:00:00.000Z", firstDelta.RootElement.GetProperty("since").GetString());
        Assert.Equal("2025-07-01T00:00:00.000Z", firstDelta.RootElement.GetProperty("watermark").GetString());
        Assert.Equal("2025-07-01T00:00:00.000Z", lastDelta.RootElement.GetProperty("since").GetString());
        Assert.Equal("9999-12-31T00:00:00.000Z", lastDelta.RootElement.GetProperty("watermark").GetString());
    }

    [Fact]
    public void Progress_ends_at_claims_written()
    {
        using var export = new GeneratedExport(GeneratedExport.Messy());

        long written = export.Manifest.Parts.Sum(p => p.Table(SourceTables.Claims).Written);
        Assert.NotEmpty(export.ProgressReports);
        Assert.Equal(written, export.ProgressReports[^1]);
        Assert.True(export.ProgressReports.SequenceEqual(export.ProgressReports.Order()), "Progress went backwards.");
    }

    [Fact]
    public void Manifest_serializes_each_part_once()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 3, Claims = 50, Deltas = 1, ClaimsPerDelta = 10 });

        using JsonDocument json = JsonDocument.Parse(JsonSerializer.Serialize(export.Manifest));

        Assert.Equal(["Tenant", "Seed", "Parts"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, json.RootElement.GetProperty("Parts").GetArrayLength());
        Assert.Equal("base", json.RootElement.GetProperty("Parts")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public void Non_empty_output_directory_is_rejected()
    {
        string root = Path.Combine(Path.GetTempPath(), "intelgraph-sample-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "leftover.txt"), "from an earlier run");
        try
        {
            var generator = new PilotExportGenerator(new PilotExportOptions { Claims = 10 });

            var error = Assert.Throws<InvalidInputException>(() => generator.Generate(root, cancellationToken: TestContext.Current.CancellationToken));

            Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
            Assert.Equal(["leftover.txt"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("")]
    public void Invalid_tenant_is_rejected(string tenant)
    {
        var error = Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { Tenant = tenant }));

        Assert.Contains("tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_sizes_are_rejected()
    {
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { Claims = 0 }));
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { Deltas = -1 }));
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { Deltas = 1, ClaimsPerDelta = 0 }));
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { FaultRate = 0.5 }));
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { FaultRate = double.NaN }));
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { DeltaInterval = TimeSpan.Zero }));
        Assert.Throws<InvalidInputException>(() => new PilotExportGenerator(new PilotExportOptions { WriteFreeze = DateTimeOffset.MinValue }));
    }

    [Fact]
    public void Cancellation_stops_generation()
    {
        string root = Path.Combine(Path.GetTempPath(), "intelgraph-sample-" + Guid.NewGuid().ToString("N"));
        using var cancellation = new CancellationTokenSource();
        var cancelOnFirstReport = new CancellingProgress(cancellation);
        try
        {
            var generator = new PilotExportGenerator(new PilotExportOptions { Claims = 50_000 });

            Assert.ThrowsAny<OperationCanceledException>(() => generator.Generate(root, cancelOnFirstReport, cancellation.Token));

            Assert.False(File.Exists(Path.Combine(root, "export.json")), "A cancelled run wrote export.json.");
            Assert.False(File.Exists(Path.Combine(root, "legacy", "legacy_tasks.sql.partial")), "A cancelled run left a temporary file.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IEnumerable<string> ReadFirstColumn(GeneratedExport export, string file) =>
        StrictCsv.Parse(export.ReadBytes(file), byteOrderMark: true, crlf: true).Skip(1).Select(row => row.Fields[0]);

    private sealed class CancellingProgress(CancellationTokenSource cancellation) : IProgress<long>
    {
        public void Report(long value) => cancellation.Cancel();
    }
}
