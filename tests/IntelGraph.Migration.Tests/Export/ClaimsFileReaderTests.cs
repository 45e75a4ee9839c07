using System.Text;
using IntelGraph.Core;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class ClaimsFileReaderTests : IDisposable
{
    private const string Hash = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private readonly TempExportFolder _folder = new();

    // Tiny reads split elements, strings, escapes, CRLFs and the byte-order mark across chunk boundaries.
    public static TheoryData<int> ChunkSizes => [1, 2, 3, 7, 64, 256 * 1024];

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Pretty_printed_claims_parse_with_start_lines(int chunkBytes)
    {
        var text = "[\n {\n  \"id\": \"c1\",\n  \"hash\": \"" + Hash + "\"\n },\n {\n  \"id\": \"c2\",\n  \"sources\": [\n   {\n    \"name\": \"x\"\n   }\n  ],\n  \"hash\": \"" + Hash + "\"\n }\n]\n";

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.True(record.IsParsed, record.Detail));
        Assert.Equal(["c1", "c2"], records.Select(r => r.Id));
        Assert.Equal([2L, 6L], records.Select(r => r.Location.Line));
        Assert.Equal(Hash, records[0].Hash);
        Assert.Equal("claims.json", records[0].Location.File);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Raw_bytes_match_the_file(int chunkBytes)
    {
        var first = "{\"id\":\"c1\",\"hash\":\"" + Hash + "\",\"n\":1.50}";
        var second = "{ \"hash\" : \"" + Hash + "\" , \"id\" : \"c\\u0032\" }";
        var text = $"[{first},\n  {second}  ]";

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(2, records.Count);
        Assert.Equal(first, Encoding.UTF8.GetString(records[0].Utf8Json.Span));
        Assert.Equal(second, Encoding.UTF8.GetString(records[1].Utf8Json.Span));
        Assert.Equal("c2", records[1].Id);
        Assert.Equal(second, records[1].GetRawText());
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Minified_claims_all_start_on_line_one(int chunkBytes)
    {
        var claims = Enumerable.Range(1, 5).Select(i => $"{{\"id\":\"c{i}\",\"hash\":\"{Hash}\"}}");
        var text = "[" + string.Join(",", claims) + "]";

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(5, records.Count(r => r.IsParsed));
        Assert.All(records, record => Assert.Equal(1, record.Location.Line));
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Bom_and_crlf_are_tolerated(int chunkBytes)
    {
        var text = "[\r\n {\r\n  \"id\": \"c1\",\r\n  \"hash\": \"" + Hash + "\"\r\n },\r\n {\r\n  \"id\": \"c2\",\r\n  \"hash\": \"" + Hash + "\"\r\n }\r\n]\r\n";

        var records = await ReadAsync(text, chunkBytes, byteOrderMark: true);

        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.True(record.IsParsed, record.Detail));
        Assert.Equal([2L, 6L], records.Select(r => r.Location.Line));
        Assert.StartsWith("{", records[0].GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Lone_carriage_returns_count_as_line_breaks(int chunkBytes)
    {
        var text = "[\r {\"id\": \"c1\", \"hash\": \"h\"},\r\r {\"id\": \"c2\", \"hash\": \"h\"}\r]";

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal([2L, 4L], records.Select(r => r.Location.Line));
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Brackets_and_quotes_inside_strings_are_data(int chunkBytes)
    {
        var tricky = "{\"id\": \"a{b]\", \"hash\": \"h\", \"statement\": \"} ] { [ , \\\" } \\\\\", \"x\": \"\\\\\"}";
        var text = $"[\n {tricky},\n {{\"id\": \"next\", \"hash\": \"h\"}}\n]";

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(2, records.Count);
        Assert.True(records[0].IsParsed, records[0].Detail);
        Assert.Equal("a{b]", records[0].Id);
        Assert.Equal(tricky, records[0].GetRawText());
        Assert.Equal("next", records[1].Id);
        Assert.Equal(3, records[1].Location.Line);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("  [ \n ]  \n")]
    [InlineData("\uFEFF[]")]
    public async Task Empty_array_has_no_records(string text)
    {
        var records = await ReadAsync(text, chunkBytes: 3);

        Assert.Empty(records);
    }

    [Fact]
    public async Task Non_object_elements_are_unparsable()
    {
        var text = $"[\n42,\n\"text\",\nnull,\n[1, 2],\ntrue,\n{{\"id\": \"ok\", \"hash\": \"{Hash}\"}}\n]";

        var records = await ReadAsync(text, chunkBytes: 5);

        Assert.Equal(6, records.Count);
        Assert.Equal(["number", "string", "null", "array", "boolean"], records.Take(5).Select(r => KindNamed(r.Detail!)));
        Assert.All(records.Take(5), record => Assert.False(record.IsParsed));
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L], records.Select(r => r.Location.Line));
        Assert.Equal("[1, 2]", records[3].GetRawText());
        Assert.True(records[5].IsParsed, records[5].Detail);
    }

    [Fact]
    public async Task Missing_hash_is_unparsable_with_id()
    {
        var records = await ReadAsync("[{\"id\": \"c1\", \"statement\": \"no hash\"}]", chunkBytes: 4);

        var record = Assert.Single(records);
        Assert.False(record.IsParsed);
        Assert.Equal("c1", record.Id);
        Assert.Contains("'hash'", record.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"hash\": \"h\"}", "has no 'id' member")]
    [InlineData("{\"id\": \"\", \"hash\": \"h\"}", "'id' member is an empty string")]
    [InlineData("{\"id\": 17, \"hash\": \"h\"}", "'id' member is a JSON number")]
    [InlineData("{\"id\": \"c1\", \"hash\": null}", "'hash' member is a JSON null")]
    [InlineData("{\"id\": \"c1\", \"id\": \"c2\", \"hash\": \"h\"}", "2 'id' members")]
    [InlineData("{\"id\": \"c1\", \"hash\": \"h\", \"x\": tru}", "not valid JSON")]
    [InlineData("{\"id\": \"c1\" \"hash\": \"h\"}", "not valid JSON")]
    [InlineData("ERROR export interrupted", "not valid JSON")]
    [InlineData("{\"id\": \"clm-\\ud800\", \"hash\": \"h\"}", "'id' member has an escape of a lone surrogate")]
    [InlineData("{\"id\": \"c1\", \"hash\": \"\\udc00h\"}", "'hash' member has an escape of a lone surrogate")]
    public async Task Invalid_claim_is_unparsable(string element, string expectedDetail)
    {
        var text = $"[\n {element},\n {{\"id\": \"after\", \"hash\": \"h\"}}\n]";

        var records = await ReadAsync(text, chunkBytes: 6);

        Assert.Equal(2, records.Count);
        Assert.False(records[0].IsParsed);
        Assert.Contains(expectedDetail, records[0].Detail, StringComparison.Ordinal);
        Assert.Equal(element, records[0].GetRawText());
        Assert.Equal(2, records[0].Location.Line);
        Assert.True(records[1].IsParsed, records[1].Detail);
    }

    [Fact]
    public async Task Invalid_utf8_is_unparsable()
    {
        var bytes = Encoding.UTF8.GetBytes("[\n{\"id\": \"c1\",\n \"hash\": \"h\", \"s\": \"?\"}\n]");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;

        var records = await ReadBytesAsync(bytes, chunkBytes: 4);

        var record = Assert.Single(records);
        Assert.False(record.IsParsed);
        Assert.Contains("not valid UTF-8 on line 3", record.Detail, StringComparison.Ordinal);
        Assert.Equal(0xFF, record.Utf8Json.Span[^3]);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Truncated_last_element_is_unparsable(int chunkBytes)
    {
        var text = "[\n {\"id\": \"c1\", \"hash\": \"h\"},\n {\"id\": \"c2\", \"hash\": \"h\"},\n {\"id\": \"c3\", \"sta";

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(3, records.Count);
        Assert.Equal(2, records.Count(r => r.IsParsed));
        Assert.Contains("ends inside this element", records[2].Detail, StringComparison.Ordinal);
        Assert.Equal("{\"id\": \"c3\", \"sta", records[2].GetRawText());
        Assert.Equal(4, records[2].Location.Line);
    }

    [Fact]
    public async Task Missing_closing_bracket_is_reported()
    {
        var records = await ReadAsync("[\n{\"id\": \"c1\", \"hash\": \"h\"}\n", chunkBytes: 5);

        Assert.Equal(2, records.Count);
        Assert.True(records[0].IsParsed, records[0].Detail);
        Assert.Contains("ends before the ']'", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal(0, records[1].Utf8Json.Length);
    }

    [Theory]
    [InlineData("", "contains no JSON array")]
    [InlineData("   \n", "contains no JSON array")]
    [InlineData("{\"id\": \"c1\", \"hash\": \"h\"}", "does not start with '['")]
    [InlineData("id,hash\nc1,h\n", "does not start with '['")]
    public async Task File_without_array_is_one_unparsable_record(string text, string expectedDetail)
    {
        var records = await ReadAsync(text, chunkBytes: 4);

        var record = Assert.Single(records);
        Assert.Contains(expectedDetail, record.Detail, StringComparison.Ordinal);
        Assert.Equal(text.Trim(), record.GetRawText());
    }

    [Fact]
    public async Task Content_after_array_is_unparsable()
    {
        var records = await ReadAsync("[{\"id\": \"c1\", \"hash\": \"h\"}]\n[{\"id\": \"c2\", \"hash\": \"h\"}]\n", chunkBytes: 3);

        Assert.Equal(2, records.Count);
        Assert.True(records[0].IsParsed, records[0].Detail);
        Assert.Contains("follows the ']'", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal("[{\"id\": \"c2\", \"hash\": \"h\"}]", records[1].GetRawText());
        Assert.Equal(2, records[1].Location.Line);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Mismatched_bracket_resynchronises_at_next_claim(int chunkBytes)
    {
        var broken = "{\n  \"id\": \"c2\",\n  \"sources\": [1, 2},\n  \"hash\": \"h\"\n }";
        var text = PrettyArray(Claim("c1"), broken, Claim("c3"), Claim("c4"));

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(4, records.Count);
        Assert.Equal(["c1", "c3", "c4"], records.Where(r => r.IsParsed).Select(r => r.Id));
        Assert.False(records[1].IsParsed);
        Assert.Contains("'}' on line 8 closes a '['", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal(broken, records[1].GetRawText());
        Assert.Equal(6, records[1].Location.Line);
        Assert.Equal(11, records[2].Location.Line);
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Unclosed_string_resynchronises_at_next_claim(int chunkBytes)
    {
        var broken = "{\n  \"id\": \"c2\",\n  \"statement\": \"cut off,\n  \"hash\": \"h\"\n }";
        var text = PrettyArray(Claim("c1"), broken, Claim("c3"));

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(3, records.Count);
        Assert.Equal(["c1", "c3"], records.Where(r => r.IsParsed).Select(r => r.Id));
        Assert.Contains("not closed before the end of line 8", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal(broken, records[1].GetRawText());
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Unclosed_object_ends_where_next_claim_starts(int chunkBytes)
    {
        var broken = "{\n  \"id\": \"c2\",\n  \"hash\": \"h\"";
        var text = PrettyArray(Claim("c1"), broken, Claim("c3"));

        var records = await ReadAsync(text, chunkBytes);

        Assert.Equal(3, records.Count);
        Assert.Equal(["c1", "c3"], records.Where(r => r.IsParsed).Select(r => r.Id));
        Assert.Contains("not closed before the next element starts on line 9", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal(broken, records[1].GetRawText());
        Assert.Equal(9, records[2].Location.Line);
    }

    [Fact]
    public async Task Broken_last_claim_leaves_out_closing_bracket()
    {
        var broken = "{\n  \"id\": \"c2\",\n  \"sources\": [1}\n }";
        var text = PrettyArray(Claim("c1"), broken);

        var records = await ReadAsync(text, chunkBytes: 16);

        Assert.Equal(2, records.Count);
        Assert.True(records[0].IsParsed, records[0].Detail);
        Assert.Equal(broken, records[1].GetRawText());
    }

    [Fact]
    public async Task Minified_broken_claim_takes_rest_of_file()
    {
        var text = $"[{{\"id\":\"c1\",\"hash\":\"h\"}},{{\"id\":\"c2\",\"x\":[}},{{\"id\":\"c3\",\"hash\":\"h\"}}]";

        var records = await ReadAsync(text, chunkBytes: 8);

        Assert.Equal(2, records.Count);
        Assert.True(records[0].IsParsed, records[0].Detail);
        Assert.False(records[1].IsParsed);
        Assert.Equal("{\"id\":\"c2\",\"x\":[},{\"id\":\"c3\",\"hash\":\"h\"}", records[1].GetRawText());
    }

    [Fact]
    public async Task Oversized_element_keeps_its_first_bytes()
    {
        var large = "{\"id\": \"big\", \"hash\": \"h\", \"statement\": \"" + new string('x', 500) + "\"}";
        var text = $"[\n {Claim("c1")},\n {large},\n {Claim("c3")}\n]";

        var records = await ReadAsync(text, chunkBytes: 16, maxElementBytes: 100);

        Assert.Equal(3, records.Count);
        Assert.Equal(["c1", "c3"], records.Where(r => r.IsParsed).Select(r => r.Id));
        Assert.Contains("larger than 100 bytes", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal(large[..100], records[1].GetRawText());
        Assert.Equal(6, records[1].Location.Line);
    }

    [Fact]
    public async Task Missing_file_raises_naming_the_path()
    {
        var file = new ExportFile(_folder.Root, "deltas/0002/claims.json");

        var error = await Assert.ThrowsAsync<InvalidInputException>(
            async () => await new ClaimsFileReader(file).ReadAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Contains(file.FullPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_element_is_accounted_for()
    {
        var elements = new[]
        {
            Claim("c1"),
            "{\"id\": \"c2\"}",
            "17",
            "{\"id\": \"c4\", \"hash\": \"h\", \"s\": \"] } [ {\"}",
            "{\n  \"id\": \"c5\",\n  \"x\": [}\n }",
            Claim("c6"),
        };
        var text = PrettyArray(elements) + "trailing";

        var records = await ReadAsync(text, chunkBytes: 5);

        Assert.Equal(3, records.Count(r => r.IsParsed));
        Assert.Equal(4, records.Count(r => !r.IsParsed));
        Assert.Equal(["c1", "c4", "c6"], records.Where(r => r.IsParsed).Select(r => r.Id));
    }

    private static string Claim(string id) => $"{{\n  \"id\": \"{id}\",\n  \"hash\": \"{Hash}\"\n }}";

    private static string PrettyArray(params string[] elements) => "[\n " + string.Join(",\n ", elements) + "\n]\n";

    private static string KindNamed(string detail) => detail.Split(' ')[5].TrimEnd(',');

    private Task<List<ClaimSourceRecord>> ReadAsync(string text, int chunkBytes, bool byteOrderMark = false, int maxElementBytes = ClaimsFileReader.DefaultMaxElementBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return ReadBytesAsync(byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes, chunkBytes, maxElementBytes);
    }

    private async Task<List<ClaimSourceRecord>> ReadBytesAsync(byte[] bytes, int chunkBytes, int maxElementBytes = ClaimsFileReader.DefaultMaxElementBytes)
    {
        var file = _folder.WriteBytes("claims.json", bytes);
        var reader = new ClaimsFileReader(file, chunkBytes, maxElementBytes);
        return await reader.ReadAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }
}
