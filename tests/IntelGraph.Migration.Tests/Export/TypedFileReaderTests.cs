using IntelGraph.Cases;
using IntelGraph.Graph;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class TypedFileReaderTests : IDisposable
{
    private readonly TempExportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entities_map_every_column()
    {
        var file = _folder.WriteText("graph/entities.csv",
            "id,label,type,country,createdAt\r\n"
            + "intrusion-set--1,\"Sandworm, \"\"Team\"\"\",intrusion-set,RU,2017-05-31T21:31:53.197Z\r\n"
            + "malware--2,Industroyer,malware,,2019-01-01T00:00:00+02:00\r\n",
            byteOrderMark: true);

        var records = await new EntitiesFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.All(records, record => Assert.True(record.IsParsed, record.Detail));
        Assert.Equal(new GraphEntity("intrusion-set--1", "Sandworm, \"Team\"", "intrusion-set", "RU", "2017-05-31T21:31:53.197Z"), records[0].Value);
        Assert.Null(records[1].Value!.Country);
        Assert.Equal("2019-01-01T00:00:00+02:00", records[1].Value!.CreatedAt);
        Assert.Equal("malware--2", records[1].RecordId);
        Assert.Equal(3, records[1].Location.Line);
    }

    [Fact]
    public async Task Messy_entities_file_accounts_for_every_record()
    {
        var rows = new[]
        {
            "e1,\"Label, with comma\",malware,,2020-01-01T00:00:00Z",
            "e2,\"Multi\r\nline \"\"label\"\"\",malware,UA,2020-01-01T00:00:00Z",
            "e3,Too,few",
            "e4,Bad time,malware,,2020-01-01",
            ",No id,malware,,2020-01-01T00:00:00Z",
            "e6,Last,tool,,2020-01-01T00:00:00.5-05:00",
        };
        var file = _folder.WriteText("graph/entities.csv", "id,label,type,country,createdAt\r\n" + string.Join("\r\n", rows) + "\r\n", byteOrderMark: true);

        var records = await new EntitiesFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.Equal(rows.Length, records.Count);
        Assert.Equal(3, records.Count(r => r.IsParsed));
        Assert.Equal(3, records.Count(r => !r.IsParsed));
        Assert.Equal(rows, records.Select(r => r.RawText));
        Assert.Equal([2L, 3L, 5L, 6L, 7L, 8L], records.Select(r => r.Location.Line));
        Assert.Equal("Multi\r\nline \"label\"", records[1].Value!.Label);
        Assert.Equal([null, null, "e3", "e4", null, null], records.Select(r => r.IsParsed ? null : r.RecordId));
    }

    [Theory]
    [InlineData(",Label,type,,2020-01-01T00:00:00Z", "Column 'id' is empty, but it is required.", null)]
    [InlineData("e1,,type,,2020-01-01T00:00:00Z", "Column 'label' is empty, but it is required.", "e1")]
    [InlineData("e1,Label,  ,,2020-01-01T00:00:00Z", "Column 'type' is empty, but it is required.", "e1")]
    [InlineData("e1,Label,type,,2020-13-01T00:00:00Z", "Column 'createdAt' is '2020-13-01T00:00:00Z', but it must be an RFC 3339 timestamp such as 2025-06-01T12:00:00Z.", "e1")]
    [InlineData("e1,Label,type,,yesterday", "Column 'createdAt' is 'yesterday', but it must be an RFC 3339 timestamp such as 2025-06-01T12:00:00Z.", "e1")]
    [InlineData("e1,Label,type,,", "Column 'createdAt' is empty, but it is required.", "e1")]
    public async Task Invalid_entity_is_unparsable(string row, string expectedDetail, string? expectedId)
    {
        var file = _folder.WriteText("graph/entities.csv", $"id,label,type,country,createdAt\n{row}\ne2,L,t,,2020-01-01T00:00:00Z\n");

        var records = await new EntitiesFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.Equal(2, records.Count);
        Assert.False(records[0].IsParsed);
        Assert.Equal(expectedDetail, records[0].Detail);
        Assert.Equal(expectedId, records[0].RecordId);
        Assert.Equal(row, records[0].RawText);
        Assert.Equal(2, records[0].Location.Line);
        Assert.True(records[1].IsParsed, records[1].Detail);
    }

    [Fact]
    public async Task Edges_map_every_column()
    {
        var file = _folder.WriteText("deltas/0001/graph/edges.csv",
            "id,source,target,type,createdAt\nrel-1,a,b,uses,2023-09-27T14:39:33.141Z\nrel-2,a,,uses,2023-09-27T14:39:33.141Z\n");

        var records = await new EdgesFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.Equal(new GraphEdge("rel-1", "a", "b", "uses", "2023-09-27T14:39:33.141Z"), records[0].Value);
        Assert.Equal("deltas/0001/graph/edges.csv", records[0].Location.File);
        Assert.Equal("Column 'target' is empty, but it is required.", records[1].Detail);
        Assert.Equal("rel-2", records[1].RecordId);
    }

    [Fact]
    public async Task Cases_start_open_with_title_as_name()
    {
        var file = _folder.WriteText("legacy/legacy_cases.csv", "guid,title,owner\ng1,\"Triton, SIS attack\",analyst-06\ng2,No owner,\n");

        var records = await new LegacyCasesFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.Equal(new CaseRecord("g1", "Triton, SIS attack", CaseStatus.Open, "analyst-06"), records[0].Value);
        Assert.Equal(new CaseRecord("g2", "No owner", CaseStatus.Open, null), records[1].Value);
    }

    [Fact]
    public async Task Tasks_map_summary_state_and_time()
    {
        var file = _folder.WriteText("legacy/legacy_tasks.csv",
            "guid,case_guid,assignee,summary,state,updated_at\n"
            + "t1,g1,analyst-02,Validate X,done,2025-04-16T23:00:49.547Z\n"
            + "t2,g1,,Validate Y,open,2025-04-16T23:00:49Z\n"
            + "t3,g1,analyst-02,Validate Z,open,2025-04-16 23:00:49\n");

        var records = await new LegacyTasksFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.Equal(new CaseTask("t1", "g1", "analyst-02", "Validate X", "done", "2025-04-16T23:00:49.547Z"), records[0].Value);
        Assert.Null(records[1].Value!.Assignee);
        Assert.False(records[2].IsParsed);
        Assert.Contains("Column 'updated_at' is '2025-04-16 23:00:49'", records[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_map_key_to_file_key()
    {
        var file = _folder.WriteText("legacy/legacy_reports.csv",
            "guid,case_guid,title,audience,key\n"
            + "r1,g1,\"Booz Allen Hamilton. (2016). When The Lights Went Out.\",partner,reports/r1.pdf\n"
            + "r2,g1,Untitled,,\n"
            + "r3,,Orphan,internal,reports/r3.pdf\n");

        var records = await new LegacyReportsFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.Equal(new ReportMeta("r1", "g1", "Booz Allen Hamilton. (2016). When The Lights Went Out.", "partner", "reports/r1.pdf"), records[0].Value);
        Assert.Equal(new ReportMeta("r2", "g1", "Untitled", null, null), records[1].Value);
        Assert.Equal("Column 'case_guid' is empty, but it is required.", records[2].Detail);
    }

    [Fact]
    public async Task Malformed_case_keeps_first_field_as_id()
    {
        var file = _folder.WriteText("legacy/legacy_cases.csv", "guid,title,owner\ng1,Only title\ng2,Fine,o\n");

        var records = await new LegacyCasesFileReader(file).ReadAsync(Token).ToListAsync(Token);

        Assert.False(records[0].IsParsed);
        Assert.Equal("g1", records[0].RecordId);
        Assert.Contains("has 2 fields", records[0].Detail, StringComparison.Ordinal);
        Assert.True(records[1].IsParsed);
    }
}
