using IntelGraph.Graph;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Questions.Tests;

public sealed class EntityDirectoryTests
{
    private static readonly EntityDirectory _directory = new(
        [
            Entity("g1", "Sandworm Team", "intrusion-set"),
            Entity("g2", "APT33", "intrusion-set"),
            Entity("g3", "APT38", "intrusion-set"),
            Entity("g4", "Dragonfly", "intrusion-set"),
            Entity("g5", "Dragonfly 2.0", "intrusion-set"),
            Entity("m1", "Stuxnet", "malware"),
            Entity("m2", "Stuxnet", "malware"),
            Entity("m3", "Triton", "malware"),
        ],
        [
            new EntityAlias("g1", "ELECTRUM"),
            new EntityAlias("g4", "Berserk Bear"),
            new EntityAlias("g5", "Berserk Bear"),
            new EntityAlias("m3", "TRISIS"),
            new EntityAlias("missing", "Ghost"),
        ]);

    [Theory]
    [InlineData("g1", EntityMatchKind.Id)]
    [InlineData("Sandworm Team", EntityMatchKind.Label)]
    [InlineData("ELECTRUM", EntityMatchKind.Alias)]
    [InlineData("sandworm   TEAM", EntityMatchKind.LabelIgnoringCase)]
    [InlineData("electrum", EntityMatchKind.AliasIgnoringCase)]
    [InlineData("Sandwrom Team", EntityMatchKind.LabelTypo)]
    [InlineData("ELECTRAM", EntityMatchKind.AliasTypo)]
    public void Name_resolves_to_group(string text, EntityMatchKind kind)
    {
        var resolution = _directory.Resolve(text);

        Assert.Equal(EntityResolutionStatus.Resolved, resolution.Status);
        Assert.Equal("g1", resolution.Entity!.Id);
        Assert.Equal(kind, resolution.Entity.MatchedBy);
        Assert.Empty(resolution.Candidates);
    }

    [Fact]
    public void Exact_match_scores_one()
    {
        var entity = _directory.Resolve("triton").Entity!;

        Assert.Equal(1.0, entity.Score);
        Assert.Equal(0, entity.Edits);
    }

    [Fact]
    public void Typo_score_counts_edits()
    {
        var entity = _directory.Resolve("Tirton").Entity!;

        Assert.Equal("m3", entity.Id);
        Assert.Equal(1, entity.Edits);
        Assert.Equal(Math.Round(1 - (1.0 / 6), 2), entity.Score);
    }

    [Fact]
    public void Label_wins_over_alias_of_another()
    {
        var resolution = _directory.Resolve("Dragonfly");

        Assert.Equal("g4", resolution.Entity!.Id);
        Assert.Equal(EntityMatchKind.Label, resolution.Entity.MatchedBy);
    }

    [Theory]
    [InlineData("Stuxnet", new[] { "m1", "m2" })]
    [InlineData("berserk bear", new[] { "g4", "g5" })]
    [InlineData("APT35", new[] { "g2", "g3" })]
    public void Equally_close_names_are_not_guessed(string text, string[] ids)
    {
        var resolution = _directory.Resolve(text);

        Assert.Equal(EntityResolutionStatus.Ambiguous, resolution.Status);
        Assert.Null(resolution.Entity);
        Assert.Equal(ids, resolution.Candidates.Select(candidate => candidate.Id));
    }

    [Fact]
    public void Short_name_allows_no_typo()
    {
        var resolution = _directory.Resolve("AP3");

        Assert.Equal(EntityResolutionStatus.NotFound, resolution.Status);
        Assert.Null(resolution.Entity);
    }

    [Fact]
    public void Unknown_name_offers_close_names()
    {
        var resolution = _directory.Resolve("Sandworm Crew");

        Assert.Equal(EntityResolutionStatus.NotFound, resolution.Status);
        Assert.Equal("g1", resolution.Candidates[0].Id);
        Assert.Equal(EntityMatchKind.Suggestion, resolution.Candidates[0].MatchedBy);
        Assert.True(resolution.Candidates.Count <= EntityDirectory.MaxSuggestions);
    }

    [Fact]
    public void Leading_article_is_dropped()
    {
        var resolution = _directory.Resolve("the Triton");

        Assert.Equal("m3", resolution.Entity!.Id);
        Assert.Equal("the Triton", resolution.Text);
    }

    [Fact]
    public void Alias_of_unknown_entity_is_ignored()
    {
        Assert.Equal(EntityResolutionStatus.NotFound, _directory.Resolve("Ghost").Status);
        Assert.Equal(8, _directory.EntityCount);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    public void Allowed_edits_grow_with_length(int length, int edits)
    {
        Assert.Equal(edits, EntityDirectory.AllowedEdits(length));
    }

    private static GraphEntity Entity(string id, string label, string type) => new(id, label, type, null, "2024-01-01T00:00:00Z");
}
