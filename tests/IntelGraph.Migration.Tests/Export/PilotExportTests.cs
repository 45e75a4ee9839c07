using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

/// <summary>Reads the pilot tenant's real export and checks every part against the counts in its own export.json.</summary>
public sealed class PilotExportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Layout_has_base_and_one_delta()
    {
        var layout = LegacyExportLayout.Discover(SharedDatasets.PilotExportRoot);

        Assert.Equal(["base", "deltas/0001"], layout.Parts.Select(p => p.Name));
    }

    [Theory]
    [InlineData("base")]
    [InlineData("deltas/0001")]
    public async Task Part_counts_match_its_manifest(string partName)
    {
        var part = LegacyExportLayout.Discover(SharedDatasets.PilotExportRoot).Parts.Single(p => p.Name == partName);
        var manifest = await ExportManifestFile.ReadAsync(part.Manifest!, Token);

        var claims = await ReadAllAsync(part.Claims is null ? null : new ClaimsFileReader(part.Claims).ReadAsync(Token), c => c.IsParsed);
        var claimIds = await ReadAllAsync(part.ClaimIds is null ? null : new ClaimIdsFileReader(part.ClaimIds).ReadAsync(Token), r => r.IsParsed);
        var entities = await ReadAllAsync(part.Entities is null ? null : new EntitiesFileReader(part.Entities).ReadAsync(Token), r => r.IsParsed);
        var edges = await ReadAllAsync(part.Edges is null ? null : new EdgesFileReader(part.Edges).ReadAsync(Token), r => r.IsParsed);
        var cases = await ReadAllAsync(part.Cases is null ? null : new LegacyCasesFileReader(part.Cases).ReadAsync(Token), r => r.IsParsed);
        var tasks = await ReadAllAsync(part.Tasks is null ? null : new LegacyTasksFileReader(part.Tasks).ReadAsync(Token), r => r.IsParsed);
        var reports = await ReadAllAsync(part.Reports is null ? null : new LegacyReportsFileReader(part.Reports).ReadAsync(Token), r => r.IsParsed);

        Assert.Equal((manifest.Counts["claims"], 0), claims);
        Assert.Equal((manifest.Counts["claims"], 0), claimIds);
        Assert.Equal((manifest.Counts["entities"], 0), entities);
        Assert.Equal((manifest.Counts["edges"], 0), edges);
        Assert.Equal((manifest.Counts["cases"], 0), cases);
        Assert.Equal((manifest.Counts["tasks"], 0), tasks);
        Assert.Equal((manifest.Counts["reports"], 0), reports);
    }

    [Fact]
    public async Task Delta_updated_tasks_are_in_its_tasks_file()
    {
        var delta = LegacyExportLayout.Discover(SharedDatasets.PilotExportRoot).Parts[1];
        var manifest = await ExportManifestFile.ReadAsync(delta.Manifest!, Token);

        var taskIds = await new LegacyTasksFileReader(delta.Tasks!).ReadAsync(Token).Select(r => r.RecordId).ToListAsync(Token);

        Assert.NotEmpty(manifest.UpdatedTasks);
        Assert.All(manifest.UpdatedTasks, id => Assert.Contains(id, taskIds));
    }

    [Fact]
    public async Task Claim_ids_list_the_claims_in_order()
    {
        var basePart = LegacyExportLayout.Discover(SharedDatasets.PilotExportRoot).Parts[0];

        var fromClaims = await new ClaimsFileReader(basePart.Claims!).ReadAsync(Token).Select(c => c.Id).ToListAsync(Token);
        var fromIds = await new ClaimIdsFileReader(basePart.ClaimIds!).ReadAsync(Token).Select(r => r.Value).ToListAsync(Token);

        Assert.Equal(fromIds, fromClaims);
    }

    /// <summary>Counts parsed and unparsable records, taking a file the part lacks as zero records.</summary>
    private static async Task<(long Parsed, long Unparsable)> ReadAllAsync<T>(IAsyncEnumerable<T>? records, Func<T, bool> isParsed)
    {
        long parsed = 0;
        long unparsable = 0;
        if (records is null)
        {
            return (parsed, unparsable);
        }

        await foreach (var record in records)
        {
            if (isParsed(record))
            {
                parsed++;
            }
            else
            {
                unparsable++;
            }
        }

        return (parsed, unparsable);
    }
}
