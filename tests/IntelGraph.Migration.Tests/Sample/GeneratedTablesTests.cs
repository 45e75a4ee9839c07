using System.Globalization;
using System.Text.Json;
using IntelGraph.Migration.Sample;

namespace IntelGraph.Migration.Tests.Sample;

public sealed class GeneratedTablesTests(MessyExportFixture fixture) : IClassFixture<MessyExportFixture>
{
    private static readonly Dictionary<string, (string File, string Header, int[] TimestampColumns)> _tables = new()
    {
        [SourceTables.Entities] = ("graph/entities.csv", "id,label,type,country,createdAt", [4]),
        [SourceTables.Edges] = ("graph/edges.csv", "id,source,target,type,createdAt", [4]),
        [SourceTables.Cases] = ("legacy/legacy_cases.csv", "guid,title,owner", []),
        [SourceTables.Tasks] = ("legacy/legacy_tasks.csv", "guid,case_guid,assignee,summary,state,updated_at", [5]),
        [SourceTables.Reports] = ("legacy/legacy_reports.csv", "guid,case_guid,title,audience,key", []),
    };

    private readonly GeneratedExport _export = fixture.Export;

    [Fact]
    public void Counts_match_files()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            using JsonDocument exportJson = JsonDocument.Parse(_export.ReadBytes(GeneratedExport.PartPath(part, "export.json")));
            JsonElement counts = exportJson.RootElement.GetProperty("counts");
            var actual = new Dictionary<string, long>
            {
                [SourceTables.Claims] = ClaimsArray.Read(_export.ReadBytes(GeneratedExport.PartPath(part, "claims.json"))).Count,
            };
            foreach ((string table, (string file, string header, _)) in _tables)
            {
                actual[table] = ReadRows(_export, part, table).Count;
            }

            Assert.Equal(SourceTables.All, counts.EnumerateObject().Select(p => p.Name));
            foreach (string table in SourceTables.All)
            {
                Assert.Equal(actual[table], counts.GetProperty(table).GetInt64());
                Assert.Equal(actual[table], part.Table(table).Written);
            }
        }
    }

    [Fact]
    public void Csv_files_parse_with_bom_and_crlf()
    {
        var messyFields = new List<string>();
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            foreach (string file in GeneratedExport.CsvFiles)
            {
                byte[] bytes = _export.ReadBytes(GeneratedExport.PartPath(part, file));

                Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
                List<CsvRow> rows = StrictCsv.Parse(bytes, byteOrderMark: true, crlf: true);
                messyFields.AddRange(rows.SelectMany(r => r.Fields).Where(f => f.AsSpan().IndexOfAny(",\"\n") >= 0));
            }
        }

        Assert.Contains(messyFields, f => f.Contains(',', StringComparison.Ordinal));
        Assert.Contains(messyFields, f => f.Contains('"', StringComparison.Ordinal));
        Assert.Contains(messyFields, f => f.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_files_use_lf_without_switches()
    {
        using var export = new GeneratedExport(new PilotExportOptions { Seed = 9, Claims = 800, Deltas = 1, ClaimsPerDelta = 100 });

        foreach (ExpectedPartAccounting part in export.Manifest.Parts)
        {
            foreach (string file in GeneratedExport.CsvFiles)
            {
                byte[] bytes = export.ReadBytes(GeneratedExport.PartPath(part, file));

                Assert.DoesNotContain((byte)'\r', bytes);
                Assert.All(StrictCsv.Parse(bytes, byteOrderMark: false, crlf: false), row => Assert.DoesNotContain(row.Fields, f => f.Contains('\n', StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public void Accounting_adds_up_for_every_table()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            Assert.Equal(SourceTables.All, part.Tables.Select(t => t.Table));
            foreach (ExpectedTableAccounting table in part.Tables)
            {
                Assert.Equal(table.Written, table.Imported + table.Duplicates + table.Updated + table.Quarantined);
                Assert.Equal(table.Written, table.Accounted);
                Assert.Equal(5, table.QuarantinedByReason.Count);
                Assert.Equal(table.Quarantined, part.Quarantined.Count(q => q.Table == table.Table));
                foreach ((string reason, long count) in table.QuarantinedByReason)
                {
                    Assert.Equal(count, part.Quarantined.Count(q => q.Table == table.Table && q.Reason == reason));
                }
            }
        }

        ExpectedPartAccounting baseExport = _export.Manifest.Base;
        Assert.All(
            new[]
            {
                (SourceTables.Claims, QuarantineReasons.HashMismatch),
                (SourceTables.Claims, QuarantineReasons.ConflictingDuplicate),
                (SourceTables.Claims, QuarantineReasons.Unparsable),
                (SourceTables.Entities, QuarantineReasons.Unparsable),
                (SourceTables.Edges, QuarantineReasons.MissingEndpoint),
                (SourceTables.Edges, QuarantineReasons.Unparsable),
                (SourceTables.Cases, QuarantineReasons.Unparsable),
                (SourceTables.Tasks, QuarantineReasons.MissingCase),
                (SourceTables.Tasks, QuarantineReasons.Unparsable),
                (SourceTables.Reports, QuarantineReasons.MissingCase),
                (SourceTables.Reports, QuarantineReasons.Unparsable),
            },
            pair => Assert.True(baseExport.Table(pair.Item1).QuarantinedByReason[pair.Item2] > 0, $"No {pair.Item1} record is quarantined as {pair.Item2}."));
    }

    [Fact]
    public void Quarantine_locations_point_at_records()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            foreach ((string table, (string file, _, _)) in _tables)
            {
                Dictionary<long, CsvRow> rowsByLine = ReadRows(_export, part, table).ToDictionary(r => r.Line);
                foreach (ExpectedQuarantine quarantine in part.Quarantined.Where(q => q.Table == table))
                {
                    Assert.Equal(GeneratedExport.PartPath(part, file), quarantine.Location.File);
                    Assert.True(rowsByLine.TryGetValue(quarantine.Location.Line, out CsvRow? row), $"No {table} record starts on {quarantine.Location}.");
                    Assert.Equal(quarantine.RecordId, row.Fields[0]);
                }
            }
        }
    }

    [Fact]
    public void Unparsable_rows_are_malformed()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            foreach ((string table, (_, string header, int[] timestampColumns)) in _tables)
            {
                int columns = header.Split(',').Length;
                var unparsableLines = part.Quarantined.Where(q => q.Table == table && q.Reason == QuarantineReasons.Unparsable).Select(q => q.Location.Line).ToHashSet();
                foreach (CsvRow row in ReadRows(_export, part, table))
                {
                    bool malformed = row.Fields.Length != columns || timestampColumns.Any(c => !IsPilotTimestamp(row.Fields[c]));
                    Assert.True(malformed == unparsableLines.Contains(row.Line), $"The {table} record on line {row.Line} of {part.Name} is {(malformed ? "" : "not ")}malformed.");
                }
            }
        }
    }

    [Fact]
    public void Missing_cases_are_absent_from_every_part()
    {
        HashSet<string> cases = [.. _export.Manifest.Parts.SelectMany(p => ReadRows(_export, p, SourceTables.Cases)).Where(r => r.Fields.Length == 3).Select(r => r.Fields[0])];
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            foreach (string table in new[] { SourceTables.Tasks, SourceTables.Reports })
            {
                var missingCaseLines = part.Quarantined.Where(q => q.Table == table && q.Reason == QuarantineReasons.MissingCase).Select(q => q.Location.Line).ToHashSet();
                foreach (CsvRow row in ReadRows(_export, part, table))
                {
                    Assert.Equal(missingCaseLines.Contains(row.Line), !cases.Contains(row.Fields[1]));
                }
            }
        }
    }

    [Fact]
    public void Late_endpoints_arrive_in_named_delta()
    {
        IReadOnlyList<ExpectedPartAccounting> parts = _export.Manifest.Parts;
        var entitiesByPart = parts.ToDictionary(p => p.Name, p => ReadRows(_export, p, SourceTables.Entities).Where(r => r.Fields.Length == 5).Select(r => r.Fields[0]).ToHashSet());
        var known = new HashSet<string>();
        int late = 0;
        int never = 0;
        foreach (ExpectedPartAccounting part in parts)
        {
            known.UnionWith(entitiesByPart[part.Name]);
            Dictionary<long, CsvRow> edges = ReadRows(_export, part, SourceTables.Edges).ToDictionary(r => r.Line);
            foreach (ExpectedQuarantine quarantine in part.Quarantined.Where(q => q.Reason == QuarantineReasons.MissingEndpoint))
            {
                string[] unknown = [.. edges[quarantine.Location.Line].Fields[1..3].Where(id => !known.Contains(id))];

                string endpoint = Assert.Single(unknown);
                if (quarantine.ResolvedBy is { } resolvedBy)
                {
                    Assert.Contains(endpoint, entitiesByPart[resolvedBy]);
                    late++;
                }
                else
                {
                    Assert.DoesNotContain(parts, p => entitiesByPart[p.Name].Contains(endpoint));
                    never++;
                }
            }

            int resolvedHere = parts.SelectMany(p => p.Quarantined).Count(q => q.ResolvedBy == part.Name);
            Assert.Equal(resolvedHere, part.Table(SourceTables.Edges).Resolved);
        }

        Assert.True(late > 0, "No edge waits for an entity of a later delta.");
        Assert.True(never > 0, "No edge points at an entity that never arrives.");
    }

    [Fact]
    public void Updated_tasks_change_state()
    {
        var latest = new Dictionary<string, string[]>();
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            Dictionary<string, string[]> tasks = ReadRows(_export, part, SourceTables.Tasks).Where(r => r.Fields.Length == 6).Select(r => r.Fields).ToDictionary(f => f[0]);
            if (part.Name != ExpectedPartAccounting.BaseName)
            {
                using JsonDocument exportJson = JsonDocument.Parse(_export.ReadBytes(GeneratedExport.PartPath(part, "export.json")));
                string[] updated = [.. exportJson.RootElement.GetProperty("updatedTasks").EnumerateArray().Select(e => e.GetString()!)];

                Assert.NotEmpty(updated);
                Assert.Equal(part.Table(SourceTables.Tasks).Updated, updated.Length);
                Assert.Equal(updated.Length, updated.Distinct().Count());
                foreach (string guid in updated)
                {
                    string[] newer = tasks[guid];
                    string[] older = latest[guid];
                    Assert.Equal(older[..4], newer[..4]);
                    Assert.NotEqual(older[4], newer[4]);
                    Assert.True(string.CompareOrdinal(older[5], newer[5]) < 0, $"Task {guid} was updated with an earlier updated_at.");
                }

                Assert.All(tasks.Keys.Except(updated), guid => Assert.False(latest.ContainsKey(guid), $"Task {guid} reappears without being listed in updatedTasks."));
            }

            foreach ((string guid, string[] fields) in tasks)
            {
                latest[guid] = fields;
            }
        }
    }

    [Fact]
    public void Legacy_sql_mirrors_csv_rows()
    {
        foreach (ExpectedPartAccounting part in _export.Manifest.Parts)
        {
            string[] sql = _export.ReadText(GeneratedExport.PartPath(part, "legacy/legacy.sql")).Split(");\n");
            foreach ((string table, string sqlTable) in new[] { (SourceTables.Cases, "legacy_cases"), (SourceTables.Tasks, "legacy_tasks"), (SourceTables.Reports, "legacy_reports") })
            {
                string[] inserts = [.. sql.Where(s => s.Contains($"INSERT INTO {sqlTable} VALUES (", StringComparison.Ordinal))];
                List<CsvRow> rows = ReadRows(_export, part, table);

                Assert.Equal(rows.Count, inserts.Length);
                Assert.Equal(
                    rows.Select(r => r.Fields[0]),
                    inserts.Select(i => i[(i.IndexOf("VALUES ('", StringComparison.Ordinal) + 9)..].Split('\'')[0]));
            }
        }
    }

    [Fact]
    public void Tasks_follow_uses_edges_of_their_case()
    {
        Dictionary<string, string[]> edges = ReadRows(_export, _export.Manifest.Base, SourceTables.Edges).Where(r => r.Fields.Length == 5).ToDictionary(r => r.Fields[0], r => r.Fields);
        HashSet<string> missingCase = [.. _export.Manifest.Base.Quarantined.Where(q => q.Table == SourceTables.Tasks).Select(q => q.RecordId!)];
        int checkedTasks = 0;
        foreach (CsvRow row in ReadRows(_export, _export.Manifest.Base, SourceTables.Tasks).Where(r => !missingCase.Contains(r.Fields[0])))
        {
            string[] edge = edges["relationship--" + row.Fields[0]];

            Assert.Equal("uses", edge[3]);
            Assert.EndsWith("--" + row.Fields[1], edge[1], StringComparison.Ordinal);
            Assert.Matches("^analyst-0[1-9]$", row.Fields[2]);
            Assert.StartsWith("Validate ", row.Fields[3], StringComparison.Ordinal);
            Assert.Contains(row.Fields[4], new[] { "open", "in_progress", "done" });
            checkedTasks++;
        }

        Assert.True(checkedTasks > 50, $"Only {checkedTasks} tasks were generated for {_export.Options.Claims} claims.");
    }

    private static List<CsvRow> ReadRows(GeneratedExport export, ExpectedPartAccounting part, string table)
    {
        (string file, string header, _) = _tables[table];
        bool byteOrderMark = export.Options.Faults.HasFlag(PilotExportFaults.ByteOrderMark);
        bool crlf = export.Options.Faults.HasFlag(PilotExportFaults.CrlfLineEnds);
        return StrictCsv.ParseTable(export.ReadBytes(GeneratedExport.PartPath(part, file)), header, byteOrderMark, crlf);
    }

    private static bool IsPilotTimestamp(string text) =>
        DateTime.TryParseExact(text, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
}
