using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class ClaimIdsFileReaderTests : IDisposable
{
    private readonly TempExportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Bom_crlf_and_blank_lines_are_tolerated()
    {
        var file = _folder.WriteText("claim_ids.txt", "clm-1\r\nclm-2\r\n\r\n   \r\nclm-3\r\n", byteOrderMark: true);

        var records = await ReadAsync(file);

        Assert.Equal(["clm-1", "clm-2", "clm-3"], records.Select(r => r.Value));
        Assert.Equal([1L, 2L, 5L], records.Select(r => r.Location.Line));
        Assert.All(records, record => Assert.Equal("claim_ids.txt", record.Location.File));
    }

    [Fact]
    public async Task Last_line_without_line_break_is_read()
    {
        var file = _folder.WriteText("deltas/0001/claim_ids.txt", "clm-1\nclm-2");

        var records = await ReadAsync(file);

        Assert.Equal(["clm-1", "clm-2"], records.Select(r => r.Value));
        Assert.Equal("deltas/0001/claim_ids.txt", records[1].Location.File);
    }

    [Fact]
    public async Task Surrounding_white_space_is_unparsable()
    {
        var file = _folder.WriteText("claim_ids.txt", "clm-1\n clm-2\nclm-3\t\n");

        var records = await ReadAsync(file);

        Assert.Equal(3, records.Count);
        Assert.True(records[0].IsParsed);
        Assert.False(records[1].IsParsed);
        Assert.Equal(" clm-2", records[1].RawText);
        Assert.Equal("clm-2", records[1].RecordId);
        Assert.Contains("white space", records[1].Detail, StringComparison.Ordinal);
        Assert.False(records[2].IsParsed);
    }

    [Fact]
    public async Task Invalid_utf8_is_unparsable()
    {
        var file = _folder.WriteBytes("claim_ids.txt", [(byte)'a', 0xFF, (byte)'\n', (byte)'b', (byte)'\n']);

        var records = await ReadAsync(file);

        Assert.False(records[0].IsParsed);
        Assert.Contains("not valid UTF-8", records[0].Detail, StringComparison.Ordinal);
        Assert.Equal("b", records[1].Value);
    }

    private static async Task<List<SourceRecord<string>>> ReadAsync(ExportFile file) =>
        await new ClaimIdsFileReader(file).ReadAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
}
