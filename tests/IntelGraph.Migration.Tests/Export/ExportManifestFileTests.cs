using IntelGraph.Core;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class ExportManifestFileTests : IDisposable
{
    private readonly TempExportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Base_manifest_is_read()
    {
        var file = _folder.WriteText("export.json",
            """{"tenant": "pilot", "counts": {"claims": 1129, "entities": 280, "cases": 0}, "exportedAt": "2025-06-01T00:00:00.000Z", "watermark": "2025-06-01T00:00:00.000Z", "extra": [1]}""",
            byteOrderMark: true);

        var manifest = await ExportManifestFile.ReadAsync(file, Token);

        Assert.Equal("pilot", manifest.Tenant);
        Assert.Equal(1129, manifest.Counts["claims"]);
        Assert.Equal(0, manifest.Counts["cases"]);
        Assert.False(manifest.Counts.ContainsKey("edges"));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), manifest.ExportedAt);
        Assert.Null(manifest.Since);
        Assert.Empty(manifest.UpdatedTasks);
    }

    [Fact]
    public async Task Delta_manifest_is_read()
    {
        var file = _folder.WriteText("deltas/0001/export.json",
            """{"tenant": "pilot", "counts": {"tasks": 2}, "since": "2025-06-01T00:00:00Z", "watermark": "9999-12-31T00:00:00.000Z", "updatedTasks": ["t1", "t2"]}""");

        var manifest = await ExportManifestFile.ReadAsync(file, Token);

        Assert.Null(manifest.ExportedAt);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), manifest.Since);
        Assert.Equal(9999, manifest.Watermark!.Value.Year);
        Assert.Equal(["t1", "t2"], manifest.UpdatedTasks);
    }

    [Fact]
    public async Task Optional_members_may_be_missing_or_null()
    {
        var file = _folder.WriteText("export.json", """{"tenant": "pilot", "counts": {}, "watermark": null, "updatedTasks": null}""");

        var manifest = await ExportManifestFile.ReadAsync(file, Token);

        Assert.Empty(manifest.Counts);
        Assert.Null(manifest.Watermark);
        Assert.Null(manifest.ExportedAt);
        Assert.Empty(manifest.UpdatedTasks);
    }

    [Theory]
    [InlineData("""{"counts": {}}""", "no 'tenant' string")]
    [InlineData("""{"tenant": "", "counts": {}}""", "no 'tenant' string")]
    [InlineData("""{"tenant": "pilot"}""", "no 'counts' object")]
    [InlineData("""{"tenant": "pilot", "counts": {"claims": -1}}""", "'-1' as the count of 'claims'")]
    [InlineData("""{"tenant": "pilot", "counts": {"claims": 1.5}}""", "'1.5' as the count of 'claims'")]
    [InlineData("""{"tenant": "pilot", "counts": {"claims": "7"}}""", "as the count of 'claims'")]
    [InlineData("""{"tenant": "pilot", "counts": {}, "watermark": "June"}""", "'\"June\"' as 'watermark'")]
    [InlineData("""{"tenant": "pilot", "counts": {}, "updatedTasks": "t1"}""", "'updatedTasks' member that is not an array")]
    [InlineData("""{"tenant": "pilot", "counts": {}, "updatedTasks": [7]}""", "lists '7' in 'updatedTasks'")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"tenant": "pilot", """, "is not valid JSON")]
    public async Task Invalid_manifest_raises(string json, string expectedMessage)
    {
        var file = _folder.WriteText("export.json", json);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ExportManifestFile.ReadAsync(file, Token));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains(file.FullPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_manifest_raises_naming_the_path()
    {
        var file = new ExportFile(_folder.Root, "export.json");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ExportManifestFile.ReadAsync(file, Token));

        Assert.Contains(file.FullPath, error.Message, StringComparison.Ordinal);
    }
}
