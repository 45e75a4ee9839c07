using IntelGraph.Core;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class LegacyExportLayoutTests : IDisposable
{
    private readonly TempExportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parts_are_base_then_deltas_in_numeric_order()
    {
        _folder.WriteText("claims.json", "[]");
        _folder.WriteText("deltas/0010/claims.json", "[]");
        _folder.WriteText("deltas/0002/claims.json", "[]");
        _folder.WriteText("deltas/9/claims.json", "[]");
        _folder.WriteText("deltas/notes.txt", "not a folder, so not a delta");

        var layout = LegacyExportLayout.Discover(_folder.Root);

        Assert.Equal(["base", "deltas/0002", "deltas/9", "deltas/0010"], layout.Parts.Select(p => p.Name));
        Assert.True(layout.Parts[0].IsBase);
        Assert.False(layout.Parts[1].IsBase);
        Assert.Equal(Path.GetFullPath(_folder.Root), layout.RootDirectory);
    }

    [Fact]
    public void Files_get_forward_slash_relative_paths()
    {
        foreach (var path in new[] { "export.json", "claims.json", "claim_ids.txt", "graph/entities.csv", "graph/edges.csv", "legacy/legacy_cases.csv", "legacy/legacy_tasks.csv", "legacy/legacy_reports.csv" })
        {
            _folder.WriteText(path, "");
            _folder.WriteText("deltas/0001/" + path, "");
        }

        var layout = LegacyExportLayout.Discover(_folder.Root);

        var basePart = layout.Parts[0];
        Assert.Equal("export.json", basePart.Manifest!.RelativePath);
        Assert.Equal("graph/entities.csv", basePart.Entities!.RelativePath);
        Assert.Equal("legacy/legacy_reports.csv", basePart.Reports!.RelativePath);
        var delta = layout.Parts[1];
        Assert.Equal("deltas/0001/claims.json", delta.Claims!.RelativePath);
        Assert.Equal("deltas/0001/claim_ids.txt", delta.ClaimIds!.RelativePath);
        Assert.Equal("deltas/0001/graph/edges.csv", delta.Edges!.RelativePath);
        Assert.Equal("deltas/0001/legacy/legacy_cases.csv", delta.Cases!.RelativePath);
        Assert.Equal("deltas/0001/legacy/legacy_tasks.csv", delta.Tasks!.RelativePath);
        Assert.True(File.Exists(delta.Tasks.FullPath));
    }

    [Fact]
    public void Missing_files_of_a_part_are_null()
    {
        _folder.WriteText("claims.json", "[]");
        _folder.WriteText("deltas/0001/legacy/legacy_tasks.csv", "");
        _folder.CreateFolder("deltas/0002");

        var layout = LegacyExportLayout.Discover(_folder.Root);

        var delta = layout.Parts[1];
        Assert.NotNull(delta.Tasks);
        Assert.Null(delta.Claims);
        Assert.Null(delta.Reports);
        Assert.Null(delta.Manifest);
        var empty = layout.Parts[2];
        Assert.Equal("deltas/0002", empty.Name);
        Assert.Null(empty.Entities);
    }

    [Fact]
    public void Base_without_claims_raises()
    {
        _folder.WriteText("export.json", "{}");

        var error = Assert.Throws<InvalidInputException>(() => LegacyExportLayout.Discover(_folder.Root));

        Assert.Contains("no claims.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(_folder.Root), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_delta_folder_raises()
    {
        _folder.WriteText("claims.json", "[]");
        _folder.CreateFolder("deltas/0001");
        _folder.CreateFolder("deltas/0002-retry");

        var error = Assert.Throws<InvalidInputException>(() => LegacyExportLayout.Discover(_folder.Root));

        Assert.Contains("deltas/0002-retry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_delta_number_twice_raises()
    {
        _folder.WriteText("claims.json", "[]");
        _folder.CreateFolder("deltas/0001");
        _folder.CreateFolder("deltas/1");

        var error = Assert.Throws<InvalidInputException>(() => LegacyExportLayout.Discover(_folder.Root));

        Assert.Contains("same delta number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_root_raises()
    {
        var root = Path.Combine(_folder.Root, "absent");

        var error = Assert.Throws<InvalidInputException>(() => LegacyExportLayout.Discover(root));

        Assert.Contains(root, error.Message, StringComparison.Ordinal);
    }
}
