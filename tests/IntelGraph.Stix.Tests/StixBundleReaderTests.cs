using System.Text;
using System.Text.Json;

namespace IntelGraph.Stix.Tests;

public sealed class StixBundleReaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Envelope_reads_members_after_objects()
    {
        using var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(SharedDatasets.IcsBundlePath, Token));

        var envelope = await StixBundleReader.ReadEnvelopeAsync(SharedDatasets.IcsBundlePath, StixBundleReader.DefaultBufferSize, Token);

        // ATT&CK writes spec_version after the objects array.
        Assert.Equal("2.0", envelope.SpecVersion);
        Assert.Equal(bundle.RootElement.GetProperty("id").GetString(), envelope.Id);
        Assert.Equal(bundle.RootElement.GetProperty("objects").GetArrayLength(), envelope.ObjectCount);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4096)]
    [InlineData(StixBundleReader.DefaultBufferSize)]
    public async Task Objects_stream_in_order_with_lines(int bufferSize)
    {
        using var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(SharedDatasets.IcsBundlePath, Token));
        var expectedIds = bundle.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
        var lines = await File.ReadAllLinesAsync(SharedDatasets.IcsBundlePath, Token);

        var ids = new List<string?>();
        var objectLines = new List<long>();
        var reader = StixBundleReader.OpenForObjects(SharedDatasets.IcsBundlePath, bufferSize);
        await using (reader)
        {
            while (await reader.ReadNextAsync(Token) is { } element)
            {
                using (element)
                {
                    ids.Add(element.Document!.RootElement.GetProperty("id").GetString());
                    objectLines.Add(element.Line);
                }
            }
        }

        Assert.Equal(expectedIds, ids);
        Assert.Equal(5, objectLines[0]);
        Assert.All(objectLines, line => Assert.Equal("{", lines[line - 1].Trim()));
    }

    [Fact]
    public async Task Lines_count_crlf_and_bom()
    {
        var folder = Directory.CreateTempSubdirectory("intelgraph-stix-reader-");
        try
        {
            var text = "{\r\n\"type\": \"bundle\",\r\n\"objects\": [\r\n{\"type\": \"malware\"},\r\n\r\n  {\"type\": \"tool\"}\r\n]\r\n}\r\n";
            var path = Path.Combine(folder.FullName, "crlf.json");
            await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)], Token);

            var lines = new List<long>();
            var reader = StixBundleReader.OpenForObjects(path, bufferSize: 5);
            await using (reader)
            {
                while (await reader.ReadNextAsync(Token) is { } element)
                {
                    using (element)
                    {
                        lines.Add(element.Line);
                    }
                }
            }

            Assert.Equal(new long[] { 4, 6 }, lines);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
