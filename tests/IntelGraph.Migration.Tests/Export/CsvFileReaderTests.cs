using IntelGraph.Core;
using IntelGraph.Migration.Export;

namespace IntelGraph.Migration.Tests.Export;

public sealed class CsvFileReaderTests : IDisposable
{
    private static readonly string[] _columns = ["id", "label", "note"];

    private readonly TempExportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Bom_and_crlf_are_tolerated()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\r\na,A,x\r\nb,B,y\r\n", byteOrderMark: true);

        var records = await ReadAsync(file);

        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.Null(record.Problem));
        Assert.Equal(["a", "A", "x"], records[0].Fields);
        Assert.Equal("a,A,x", records[0].RawText);
        Assert.Equal([2L, 3L], records.Select(r => r.Location.Line));
        Assert.Equal("graph/test.csv", records[0].Location.File);
    }

    [Fact]
    public async Task Byte_order_mark_inside_a_record_is_unparsable()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\na,A,x\n\uFEFFb,B,y\n", byteOrderMark: true);

        var records = await ReadAsync(file);

        Assert.Null(records[0].Problem);
        Assert.Contains("U+FEFF", records[1].Problem, StringComparison.Ordinal);
        Assert.Equal(3L, records[1].Location.Line);
    }

    [Fact]
    public async Task Quoted_fields_are_unescaped()
    {
        var text = "id,label,note\n"
            + "a,\"Smith, John\",\"He said \"\"hi\"\"\"\n"
            + "b,\"two\nlines\",\"three\r\nmore\nlines\"\n"
            + "c,C,\"\"\n"
            + "d,D,plain\n";
        var file = _folder.WriteText("graph/test.csv", text);

        var records = await ReadAsync(file);

        Assert.Equal(4, records.Count);
        Assert.All(records, record => Assert.Null(record.Problem));
        Assert.Equal(["a", "Smith, John", "He said \"hi\""], records[0].Fields);
        Assert.Equal(["b", "two\nlines", "three\r\nmore\nlines"], records[1].Fields);
        Assert.Equal("", records[2].Fields[2]);
        Assert.Equal("a,\"Smith, John\",\"He said \"\"hi\"\"\"", records[0].RawText);
        Assert.Equal("b,\"two\nlines\",\"three\r\nmore\nlines\"", records[1].RawText);
        Assert.Equal([2L, 3L, 7L, 8L], records.Select(r => r.Location.Line));
    }

    [Fact]
    public async Task Quoted_header_name_is_accepted()
    {
        var file = _folder.WriteText("graph/test.csv", "id,\"label\",note\na,A,x\n");

        var records = await ReadAsync(file);

        Assert.Equal(2, Assert.Single(records).Location.Line);
    }

    [Fact]
    public async Task Wrong_field_count_is_unparsable()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\na,A\nb,B,y\nc,C,z,extra\n");

        var records = await ReadAsync(file);

        Assert.Equal(3, records.Count);
        Assert.Equal("The record has 2 fields, but the header has 3: id,label,note.", records[0].Problem);
        Assert.Null(records[1].Problem);
        Assert.Contains("has 4 fields", records[2].Problem, StringComparison.Ordinal);
        Assert.Equal("c,C,z,extra", records[2].RawText);
        Assert.Equal(4, records[2].Location.Line);
    }

    [Fact]
    public async Task Blank_lines_are_skipped()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\n\na,A,x\r\n\r\nb,B,y\n\n");

        var records = await ReadAsync(file);

        Assert.Equal(["a", "b"], records.Select(r => r.Fields[0]));
        Assert.Equal([3L, 5L], records.Select(r => r.Location.Line));
    }

    [Fact]
    public async Task Quote_inside_unquoted_field_is_unparsable()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\na,5\" pipe,x\nc,C,z\n");

        var records = await ReadAsync(file);

        // Sep pairs the stray quote with none, so the rest of the file joins this record, and the raw text shows it.
        var record = Assert.Single(records);
        Assert.Contains("Field 2 ('label') has a quote inside", record.Problem, StringComparison.Ordinal);
        Assert.Equal(2, record.Location.Line);
        Assert.Contains("c,C,z", record.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_after_closing_quote_is_unparsable()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\nb,\"B\"x,y\nc,C,z\n");

        var records = await ReadAsync(file);

        Assert.Equal(2, records.Count);
        Assert.Contains("Field 2 ('label') has text after its closing quote", records[0].Problem, StringComparison.Ordinal);
        Assert.Equal("b,\"B\"x,y", records[0].RawText);
        Assert.Null(records[1].Problem);
    }

    [Fact]
    public async Task Unclosed_quote_is_unparsable()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\na,A,x\nb,\"open,y\nc,C,z\n");

        var records = await ReadAsync(file);

        Assert.Equal(2, records.Count);
        Assert.Null(records[0].Problem);
        Assert.Contains("Field 2 ('label') opens a quote that is never closed", records[1].Problem, StringComparison.Ordinal);
        Assert.Contains("c,C,z", records[1].RawText, StringComparison.Ordinal);
        Assert.Equal(3, records[1].Location.Line);
    }

    [Fact]
    public async Task Invalid_utf8_is_unparsable()
    {
        var file = _folder.WriteBytes("graph/test.csv", [.. "id,label,note\na,"u8, 0xC3, .. ",x\nb,B,y\n"u8]);

        var records = await ReadAsync(file);

        Assert.Contains("not valid UTF-8", records[0].Problem, StringComparison.Ordinal);
        Assert.Null(records[1].Problem);
    }

    [Fact]
    public async Task Wrong_header_raises_with_both_headers()
    {
        var file = _folder.WriteText("graph/test.csv", "id,name,note\na,A,x\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(file));

        Assert.Contains(file.FullPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("'id,name,note'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id,label,note'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_with_extra_column_raises()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note,more\n");

        await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(file));
    }

    [Fact]
    public async Task Empty_file_raises()
    {
        var file = _folder.WriteText("graph/test.csv", "");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(file));

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_only_file_has_no_records()
    {
        var file = _folder.WriteText("graph/test.csv", "id,label,note\n");

        Assert.Empty(await ReadAsync(file));
    }

    [Fact]
    public async Task Missing_file_raises_naming_the_path()
    {
        var file = new ExportFile(_folder.Root, "graph/absent.csv");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ReadAsync(file));

        Assert.Contains(file.FullPath, error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<CsvRecord>> ReadAsync(ExportFile file) =>
        await new CsvFileReader(file, _columns).ReadRecordsAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
}
