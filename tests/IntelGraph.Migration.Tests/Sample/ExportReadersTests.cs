using IntelGraph.Core;
using IntelGraph.Migration.Export;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Migration.Tests.Sample;

/// <summary>Reads a generated export with the migration's own export readers, which must see the records the manifest expects.</summary>
public sealed class ExportReadersTests(MessyExportFixture fixture) : IClassFixture<MessyExportFixture>
{
    private readonly GeneratedExport _export = fixture.Export;

    [Fact]
    public async Task Readers_find_every_generated_record()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        LegacyExportLayout layout = LegacyExportLayout.Discover(_export.Root);

        Assert.Equal(_export.Manifest.Parts.Select(p => p.Name), layout.Parts.Select(p => p.Name));
        foreach ((ExportPart part, ExpectedPartAccounting expected) in layout.Parts.Zip(_export.Manifest.Parts))
        {
            var claims = new List<(SourceLocation Location, bool Parsed)>();
            await foreach (ClaimSourceRecord record in new ClaimsFileReader(part.Claims!).ReadAsync(cancellationToken))
            {
                claims.Add((record.Location, record.IsParsed));
            }

            AssertUnparsableMatch(expected, SourceTables.Claims, claims);
            AssertUnparsableMatch(expected, SourceTables.Entities, await ReadAsync(new EntitiesFileReader(part.Entities!).ReadAsync(cancellationToken)));
            AssertUnparsableMatch(expected, SourceTables.Edges, await ReadAsync(new EdgesFileReader(part.Edges!).ReadAsync(cancellationToken)));
            AssertUnparsableMatch(expected, SourceTables.Cases, await ReadAsync(new LegacyCasesFileReader(part.Cases!).ReadAsync(cancellationToken)));
            AssertUnparsableMatch(expected, SourceTables.Tasks, await ReadAsync(new LegacyTasksFileReader(part.Tasks!).ReadAsync(cancellationToken)));
            AssertUnparsableMatch(expected, SourceTables.Reports, await ReadAsync(new LegacyReportsFileReader(part.Reports!).ReadAsync(cancellationToken)));
        }
    }

    private static async Task<List<(SourceLocation Location, bool Parsed)>> ReadAsync<T>(IAsyncEnumerable<SourceRecord<T>> records)
        where T : class
    {
        var read = new List<(SourceLocation, bool)>();
        await foreach (SourceRecord<T> record in records)
        {
            read.Add((record.Location, record.IsParsed));
        }

        return read;
    }

    private static void AssertUnparsableMatch(ExpectedPartAccounting expected, string table, List<(SourceLocation Location, bool Parsed)> read)
    {
        Assert.Equal(expected.Table(table).Written, read.Count);
        Assert.Equal(
            expected.Quarantined.Where(q => q.Table == table && q.Reason == QuarantineReasons.Unparsable).Select(q => q.Location),
            read.Where(r => !r.Parsed).Select(r => r.Location));
    }
}
