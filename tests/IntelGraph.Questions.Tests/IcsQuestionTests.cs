using IntelGraph.Cypher;
using IntelGraph.Cypher.Values;
using IntelGraph.Questions.Execution;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Questions.Tests;

/// <summary>Each form, asked about ATT&amp;CK for ICS, resolves its names and returns the rows that the bundle's relationships imply.</summary>
public sealed class IcsQuestionTests(IcsGraphFixture fixture) : IClassFixture<IcsGraphFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private BundleFacts Facts => fixture.Facts;

    [Fact]
    public async Task Who_uses_technique_lists_bundle_users()
    {
        var technique = Facts.IdOf("Spearphishing Attachment");

        var (preview, result) = await AskAndRunAsync("Who uses Spearphishing Attachment?");

        Assert.Equal("who-uses", preview.Form);
        Assert.Equal(technique, preview.Parameters["entity"]);
        Assert.Equal(Facts.SourcesOf("uses", technique), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.Contains("ALLANITE", Column(result, "name"));
    }

    [Fact]
    public async Task Kind_word_filters_users()
    {
        var technique = Facts.IdOf("Spearphishing Attachment");
        var groups = Facts.SourcesOf("uses", technique).Where(id => Facts.TypeOf(id) == "intrusion-set").ToList();

        var (preview, result) = await AskAndRunAsync("which groups use spearphishing attachment");

        Assert.Equal(new[] { "intrusion-set" }, preview.Parameters["types"]);
        Assert.Equal(groups, Column(result, "id").Order(StringComparer.Ordinal));
        Assert.NotEmpty(groups);
    }

    [Fact]
    public async Task What_does_group_use_follows_bundle()
    {
        var group = Facts.IdOf("Sandworm Team");

        var (preview, result) = await AskAndRunAsync("What does Sandworm Team use?");

        Assert.Equal("what-does-x-use", preview.Form);
        Assert.Equal(Facts.TargetsOf("uses", group), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.Contains("BlackEnergy", Column(result, "name"));
    }

    [Fact]
    public async Task Alias_resolves_to_group()
    {
        var group = Facts.IdOf("Sandworm Team");
        var techniques = Facts.TargetsOf("uses", group).Where(id => Facts.TypeOf(id) == "attack-pattern").ToList();

        var (preview, result) = await AskAndRunAsync("Which techniques does ELECTRUM use?");

        var resolution = Assert.Single(preview.Entities).Resolution;
        Assert.Equal(group, resolution.Entity!.Id);
        Assert.Equal(EntityMatchKind.Alias, resolution.Entity.MatchedBy);
        Assert.Equal("ELECTRUM", resolution.Entity.MatchedName);
        Assert.Equal(techniques, Column(result, "id").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Typo_resolves_with_lower_score()
    {
        var (preview, result) = await AskAndRunAsync("what does sandwrom team use");

        var entity = Assert.Single(preview.Entities).Resolution.Entity!;
        Assert.Equal(Facts.IdOf("Sandworm Team"), entity.Id);
        Assert.Equal(EntityMatchKind.LabelTypo, entity.MatchedBy);
        Assert.Equal(1, entity.Edits);
        Assert.InRange(entity.Score, 0.9, 0.99);
        Assert.NotEmpty(result.Rows);
    }

    [Fact]
    public void Duplicate_name_is_not_guessed()
    {
        var ids = Facts.IdsOf("Stuxnet");

        var preview = Translate("Who uses Stuxnet?");

        Assert.Equal(QuestionOutcome.Ambiguous, preview.Outcome);
        Assert.Null(preview.Cypher);
        Assert.Equal(ids, preview.Entities[0].Resolution.Candidates.Select(c => c.Id));
        Assert.Contains(ids[0], preview.Message, StringComparison.Ordinal);
        Assert.Contains(ids[1], preview.Message, StringComparison.Ordinal);
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public async Task Id_settles_a_duplicate_name()
    {
        var stuxnet = Facts.IdsOf("Stuxnet")[1];

        var (preview, result) = await AskAndRunAsync($"what does {stuxnet} use");

        Assert.Equal(EntityMatchKind.Id, preview.Entities[0].Resolution.Entity!.MatchedBy);
        Assert.Equal(Facts.TargetsOf("uses", stuxnet), Column(result, "id").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task What_targets_asset_follows_bundle()
    {
        var asset = Facts.IdOf("Control Server");

        var (preview, result) = await AskAndRunAsync("Which techniques target Control Server?");

        Assert.Equal("what-targets", preview.Form);
        Assert.Equal(Facts.SourcesOf("targets", asset), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.NotEmpty(result.Rows);
    }

    [Fact]
    public async Task What_mitigates_technique_follows_bundle()
    {
        var technique = Facts.IdOf("Spearphishing Attachment");

        var (preview, result) = await AskAndRunAsync("How can I mitigate spearphishing attachment?");

        Assert.Equal("what-mitigates", preview.Form);
        Assert.Equal(Facts.SourcesOf("mitigates", technique), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.All(Column(result, "type"), type => Assert.Equal("course-of-action", type));
        Assert.NotEmpty(result.Rows);
    }

    [Fact]
    public async Task What_detects_technique_follows_bundle()
    {
        var technique = Facts.IdOf("Spearphishing Attachment");

        var (_, result) = await AskAndRunAsync("What detects Spearphishing Attachment?");

        Assert.Equal(Facts.SourcesOf("detects", technique), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.NotEmpty(result.Rows);
    }

    [Fact]
    public async Task Connected_within_one_hop_are_neighbours()
    {
        var malware = Facts.IdOf("Triton");

        var (preview, result) = await AskAndRunAsync("Who is connected to Triton within 1 hop?");

        Assert.Equal("connected-within", preview.Form);
        Assert.Equal(Facts.NeighboursOf(malware).Order(StringComparer.Ordinal), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.All(result.Rows, row => Assert.Equal(1, ((IntegerValue)row[3]).Value));
    }

    [Fact]
    public async Task Connected_within_two_hops_reports_distances()
    {
        var malware = Facts.IdOf("Triton");

        var (preview, result) = await AskAndRunAsync("what is related to triton within two hops");

        Assert.Contains("*1..2", preview.Cypher, StringComparison.Ordinal);
        foreach (var row in result.Rows)
        {
            var id = ((StringValue)row[2]).Value;
            Assert.Equal(Facts.Distance(malware, id, 2), (int)((IntegerValue)row[3]).Value);
        }

        Assert.Contains(result.Rows, row => ((IntegerValue)row[3]).Value == 2);
    }

    [Fact]
    public void Hops_beyond_four_are_rejected()
    {
        var preview = Translate("Who is connected to Triton within 9 hops?");

        Assert.Equal(QuestionOutcome.InvalidArgument, preview.Outcome);
        Assert.Null(preview.Cypher);
        Assert.Contains("1 to 4 hops", preview.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shortest_path_has_bundle_length()
    {
        var group = Facts.IdOf("Sandworm Team");
        var stuxnet = Facts.IdsOf("Stuxnet")[0];

        var (preview, result) = await AskAndRunAsync($"What is the shortest path between Sandworm Team and {stuxnet}?");

        Assert.Equal("shortest-path", preview.Form);
        Assert.Equal(group, preview.Parameters["from"]);
        Assert.Equal(stuxnet, preview.Parameters["to"]);
        var row = Assert.Single(result.Rows);
        var ids = ((ListValue)row[3]).Items.Select(item => ((StringValue)item).Value).ToList();
        Assert.Equal(Facts.Distance(group, stuxnet, 4), (int)((IntegerValue)row[0]).Value);
        Assert.Equal(group, ids[0]);
        Assert.Equal(stuxnet, ids[^1]);
    }

    [Fact]
    public void Shortest_path_needs_two_entities()
    {
        var preview = Translate("shortest path between Sandworm Team and ELECTRUM");

        Assert.Equal(QuestionOutcome.InvalidArgument, preview.Outcome);
        Assert.Contains("same entity", preview.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_by_type_matches_stored_entities()
    {
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var entity in fixture.Stores.Graph.ScanEntitiesAsync(IcsGraphFixture.Tenant, Token))
        {
            expected[entity.Type] = expected.GetValueOrDefault(entity.Type) + 1;
        }

        var (preview, result) = await AskAndRunAsync("How many entities of each type?");

        Assert.Equal("count-by-type", preview.Form);
        var counts = result.Rows.ToDictionary(row => ((StringValue)row[0]).Value, row => ((IntegerValue)row[1]).Value);
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), counts.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal(16, counts["intrusion-set"]);
    }

    [Fact]
    public async Task Count_by_country_groups_unknown()
    {
        var (preview, result) = await AskAndRunAsync("how many entities are there per country");

        Assert.Equal("count-by-country", preview.Form);
        var row = Assert.Single(result.Rows);
        Assert.Equal(NullValue.Instance, row[0]);
        Assert.Equal(fixture.Directory.EntityCount, ((IntegerValue)row[1]).Value);
    }

    [Fact]
    public async Task Shared_techniques_follow_bundle()
    {
        var allanite = Facts.IdOf("ALLANITE");
        var techniques = Facts.TargetsOf("uses", allanite).Where(id => Facts.TypeOf(id) == "attack-pattern").ToHashSet();
        var expected = Facts.Relationships
            .Where(r => r.Type == "uses" && techniques.Contains(r.Target) && r.Source != allanite && Facts.TypeOf(r.Source) == "intrusion-set")
            .GroupBy(r => r.Source)
            .ToDictionary(group => group.Key, group => (long)group.Select(r => r.Target).Distinct().Count());

        var (preview, result) = await AskAndRunAsync("Which groups share techniques with ALLANITE?");

        Assert.Equal("shared-techniques", preview.Form);
        var shared = result.Rows.ToDictionary(row => ((StringValue)row[1]).Value, row => ((IntegerValue)row[2]).Value);
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), shared.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal("OilRig", ((StringValue)result.Rows[0][0]).Value);
    }

    [Fact]
    public async Task Campaigns_of_group_follow_bundle()
    {
        var group = Facts.IdOf("Sandworm Team");

        var (_, result) = await AskAndRunAsync("Which campaigns are attributed to Sandworm Team?");

        Assert.Equal(Facts.SourcesOf("attributed-to", group), Column(result, "id").Order(StringComparer.Ordinal));
        Assert.Contains("2015 Ukraine Electric Power Attack", Column(result, "name"));
    }

    [Fact]
    public async Task Who_is_behind_campaign_follows_bundle()
    {
        var (_, result) = await AskAndRunAsync("Who is behind the 2015 Ukraine Electric Power Attack?");

        Assert.Equal(["Sandworm Team"], Column(result, "name"));
    }

    [Fact]
    public async Task List_of_kind_lists_every_asset()
    {
        var (preview, result) = await AskAndRunAsync("list all assets");

        Assert.Equal("list-of-kind", preview.Form);
        Assert.Equal(18, result.Rows.Count);
        Assert.Contains("Control Server", Column(result, "name"));
    }

    [Fact]
    public async Task Count_of_kind_counts_groups()
    {
        var (_, result) = await AskAndRunAsync("How many groups are there?");

        Assert.Equal(16, ((IntegerValue)Assert.Single(result.Rows)[0]).Value);
    }

    [Fact]
    public async Task Describe_lists_aliases_without_name()
    {
        var group = Facts.IdOf("Sandworm Team");
        var expected = Facts.AliasesOf(group).Where(alias => alias != "Sandworm Team").Order(StringComparer.Ordinal).ToList();

        var (preview, result) = await AskAndRunAsync("What are the aliases of Sandworm Team?");

        Assert.Equal("describe", preview.Form);
        var row = Assert.Single(result.Rows);
        var aliases = ((ListValue)row[3]).Items.Select(item => ((StringValue)item).Value).ToList();
        Assert.Equal(expected, aliases);
        Assert.Contains("ELECTRUM", aliases);
        Assert.Equal(Facts.Relationships.Count(r => r.Source == group || r.Target == group), ((IntegerValue)row[6]).Value);
    }

    [Fact]
    public async Task Every_example_translates()
    {
        foreach (var form in Forms.QuestionCatalogue.Forms)
        {
            foreach (var example in form.Examples)
            {
                var preview = Translate(example);

                Assert.True(preview.Outcome == QuestionOutcome.Translated, $"'{example}': {preview.Outcome}: {preview.Message}");
                Assert.Equal(form.Name, preview.Form);
                var result = await PreviewedQuery.RunAsync(fixture.Stores.Graph, IcsGraphFixture.Tenant, preview.Cypher!, preview.Parameters, Token);
                Assert.NotEmpty(result.Columns);
            }
        }
    }

    [Fact]
    public void Unsupported_question_lists_forms()
    {
        var preview = Translate("Why did the chicken cross the road?");

        Assert.Equal(QuestionOutcome.Unsupported, preview.Outcome);
        Assert.Null(preview.Form);
        Assert.Null(preview.Cypher);
        Assert.Equal(Forms.QuestionCatalogue.Forms.Count, preview.SupportedForms.Count);
        Assert.All(preview.SupportedForms, form => Assert.NotEmpty(form.Examples));
    }

    [Fact]
    public void Unknown_name_gets_suggestions()
    {
        var preview = Translate("Who uses Spearfishing Atachments and Links?");

        Assert.Equal(QuestionOutcome.EntityNotFound, preview.Outcome);
        Assert.Null(preview.Cypher);
        Assert.Contains(preview.Entities[0].Resolution.Candidates, candidate => candidate.Label == "Spearphishing Attachment");
    }

    private QuestionPreview Translate(string question) => new QuestionTranslator(fixture.Directory).Translate(question);

    private async Task<(QuestionPreview Preview, CypherResult Result)> AskAndRunAsync(string question)
    {
        var preview = Translate(question);
        Assert.True(preview.Outcome == QuestionOutcome.Translated, $"'{question}' was not translated: {preview.Message}");

        var result = await PreviewedQuery.RunAsync(fixture.Stores.Graph, IcsGraphFixture.Tenant, preview.Cypher!, preview.Parameters, Token);
        return (preview, result);
    }

    private static List<string> Column(CypherResult result, string column)
    {
        var index = result.Columns.ToList().IndexOf(column);
        Assert.True(index >= 0, $"The result has no column '{column}'; it has {string.Join(", ", result.Columns)}.");
        return [.. result.Rows.Select(row => ((StringValue)row[index]).Value)];
    }
}
