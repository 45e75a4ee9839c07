using System.Text.Json;
using System.Text.RegularExpressions;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Migration.Tests.Sample;

public sealed class GeneratedClaimsTests(MessyExportFixture fixture) : IClassFixture<MessyExportFixture>
{
    private readonly GeneratedExport _export = fixture.Export;

    [Fact]
    public void Hashes_verify_except_edited_claims()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            List<ClaimElement> elements = ReadClaims(_export, part);
            long[] mismatched = [.. elements.Where(e => e.Hash is not null && ClaimDigest.Compute(e.Raw) != e.Hash).Select(e => e.Line)];
            long[] expected = [.. Quarantined(part, QuarantineReasons.HashMismatch).Select(q => q.Location.Line)];

            Assert.NotEmpty(expected);
            Assert.Equal(expected, mismatched);
            Assert.Equal(
                Quarantined(part, QuarantineReasons.HashMismatch).Select(q => q.RecordId),
                elements.Where(e => expected.Contains(e.Line)).Select(e => e.Id));
        }
    }

    [Fact]
    public void Hashes_verify_without_faults()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 5, Claims = 1500, Deltas = 1, ClaimsPerDelta = 300 });

        foreach (ExpectedPartAccounting part in export.Manifest.Parts)
        {
            List<ClaimElement> elements = ReadClaims(export, part);

            Assert.All(elements, e => Assert.Equal(e.Hash, ClaimDigest.Compute(e.Raw)));
            Assert.Empty(part.Quarantined);
            Assert.Equal(elements.Count, part.Table(SourceTables.Claims).Imported);
        }
    }

    [Fact]
    public void Compact_claims_verify()
    {
        using var export = new GeneratedExport(GeneratedExport.Messy() with { Indented = false });

        byte[] file = export.ReadBytes("claims.json");
        List<ClaimElement> elements = ClaimsArray.Read(file);

        Assert.DoesNotContain((byte)'\n', file);
        Assert.Equal(export.Manifest.Base.Table(SourceTables.Claims).Written, elements.Count);
        Assert.Equal(
            export.Manifest.Base.Table(SourceTables.Claims).QuarantinedByReason[QuarantineReasons.HashMismatch],
            elements.Count(e => e.Hash is not null && ClaimDigest.Compute(e.Raw) != e.Hash));
    }

    [Fact]
    public void Claims_file_is_indented_like_pilot()
    {
        string text = _export.ReadText("claims.json");

        Assert.StartsWith("[\n {\n  \"id\": \"clm-", text, StringComparison.Ordinal);
        Assert.EndsWith("\n }\n]", text, StringComparison.Ordinal);
        Assert.Contains("\n  \"sources\": [\n   {\n    \"name\": ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Claim_ids_list_elements_in_order()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            List<ClaimElement> elements = ReadClaims(_export, part);
            string ids = _export.ReadText(GeneratedExport.PartPath(part, "claim_ids.txt"));

            // jq -r '.[].id' prints "null" for an element without an id.
            Assert.Equal(string.Concat(elements.Select(e => (e.Id ?? "null") + "\n")), ids);
        }
    }

    [Fact]
    public void Duplicates_are_exact_copies()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            List<ClaimElement> elements = ReadClaims(_export, part);
            var exactCopies = new List<long>();
            var conflicts = new List<long>();
            foreach (IGrouping<string?, ClaimElement> sameId in elements.Where(e => e.Id is not null).GroupBy(e => e.Id))
            {
                ClaimElement first = sameId.First();
                foreach (ClaimElement later in sameId.Skip(1))
                {
                    bool identical = later.Raw.AsSpan().SequenceEqual(first.Raw);
                    (identical ? exactCopies : conflicts).Add(later.Line);
                    if (!identical)
                    {
                        Assert.Equal(later.Hash, ClaimDigest.Compute(later.Raw));
                        Assert.NotEqual(first.Hash, later.Hash);
                    }
                }
            }

            Assert.NotEmpty(exactCopies);
            Assert.Equal(part.Table(SourceTables.Claims).Duplicates, exactCopies.Count);
            Assert.Equal(Quarantined(part, QuarantineReasons.ConflictingDuplicate).Select(q => q.Location.Line), conflicts.Order());
        }
    }

    [Fact]
    public void Unparsable_claims_have_no_id()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            List<ClaimElement> elements = ReadClaims(_export, part);
            ClaimElement[] withoutId = [.. elements.Where(e => e.Id is null)];

            Assert.NotEmpty(withoutId);
            Assert.Equal(Quarantined(part, QuarantineReasons.Unparsable).Select(q => q.Location.Line), withoutId.Select(e => e.Line));
            Assert.All(Quarantined(part, QuarantineReasons.Unparsable), q => Assert.Null(q.RecordId));
        }

        JsonValueKind[] kinds = [.. _export.Manifest.Parts.SelectMany(p => ReadClaims(_export, p)).Where(e => e.Id is null).Select(e => e.Kind).Distinct().Order()];
        Assert.Equal([JsonValueKind.Object, JsonValueKind.String, JsonValueKind.Null], kinds);
    }

    [Fact]
    public void Unknown_members_keep_raw_number_text()
    {
        ClaimElement[] withUnknown = [.. _export.Manifest.Parts
            .SelectMany(p => ReadClaims(_export, p))
            .Where(e => e.Text.Contains("\"x_pilot_", StringComparison.Ordinal) || e.Text.Contains("\"X-Legacy-Ingest\"", StringComparison.Ordinal))];
        string allText = string.Concat(withUnknown.Select(e => e.Text));

        Assert.NotEmpty(withUnknown);
        foreach (string raw in new[] { "1E+21", "0.10", "1.0E-7", "-0", "100.0", "1e2", "12345678901234567890", "0.1000" })
        {
            // The number as a whole JSON value: after a colon, bracket or comma and before a comma or closing bracket.
            string token = @"(?<=[:\[,]\s*)" + Regex.Escape(raw) + @"(?=\s*[,\]}])";
            Assert.Matches(token, allText);
        }

        Assert.Contains(withUnknown, e => e.Hash == ClaimDigest.Compute(e.Raw));
    }

    [Fact]
    public void Edges_state_what_claims_state()
    {
        List<CsvRow> edges = StrictCsv.ParseTable(_export.ReadBytes("graph/edges.csv"), "id,source,target,type,createdAt", byteOrderMark: true, crlf: true);
        Dictionary<string, string[]> edgesById = edges.ToDictionary(row => row.Fields[0], row => row.Fields);
        int compared = 0;
        foreach (ClaimElement element in ReadClaims(_export, _export.Manifest.Base).Where(e => e.Id is not null).DistinctBy(e => e.Id))
        {
            using JsonDocument claim = JsonDocument.Parse(element.Raw);
            JsonElement root = claim.RootElement;
            string[] edge = edgesById[root.GetProperty("edgeId").GetString()!];

            Assert.Equal("clm-" + edge[0]["relationship--".Length..], element.Id);
            Assert.Equal(root.GetProperty("subject").GetString(), edge[1]);
            Assert.Equal(root.GetProperty("object").GetString(), edge[2]);
            Assert.Equal(root.GetProperty("predicate").GetString(), edge[3]);
            Assert.Equal(root.GetProperty("createdAt").GetString(), edge[4]);
            compared++;
        }

        Assert.Equal(_export.Options.Claims, compared);
    }

    private static List<ClaimElement> ReadClaims(GeneratedExport export, ExpectedPartAccounting part) =>
        ClaimsArray.Read(export.ReadBytes(GeneratedExport.PartPath(part, "claims.json")));

    private static IEnumerable<ExpectedQuarantine> Quarantined(ExpectedPartAccounting part, string reason) =>
        part.Quarantined.Where(q => q.Table == SourceTables.Claims && q.Reason == reason);
}
