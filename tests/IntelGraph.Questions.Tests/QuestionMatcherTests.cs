using IntelGraph.Questions.Forms;

namespace IntelGraph.Questions.Tests;

public sealed class QuestionMatcherTests
{
    [Theory]
    [InlineData("who uses Sandworm Team?", "who-uses", "Sandworm Team")]
    [InlineData("  WHO   USES   sandworm team ", "who-uses", "sandworm team")]
    [InlineData("Please, who is using \"Triton\"?", "who-uses", "Triton")]
    [InlineData("what does APT33 use", "what-does-x-use", "APT33")]
    [InlineData("What is Lazarus Group using?", "what-does-x-use", "Lazarus Group")]
    [InlineData("techniques used by OilRig", "what-does-x-use", "OilRig")]
    [InlineData("what targets Control Server", "what-targets", "Control Server")]
    [InlineData("what does Denial of Service target", "what-does-x-target", "Denial of Service")]
    [InlineData("which mitigations address Brute Force I/O?", "what-mitigates", "Brute Force I/O")]
    [InlineData("how to defend against Modify Parameter", "what-mitigates", "Modify Parameter")]
    [InlineData("what does Network Segmentation mitigate", "what-does-x-mitigate", "Network Segmentation")]
    [InlineData("how do we detect Modify Parameter", "what-detects", "Modify Parameter")]
    [InlineData("who is connected to Triton", "connected-within", "Triton")]
    [InlineData("which groups share techniques with OilRig", "shared-techniques", "OilRig")]
    [InlineData("who was behind Maroochy Water Breach", "who-is-behind", "Maroochy Water Breach")]
    [InlineData("tell me about `INCONTROLLER`", "describe", "INCONTROLLER")]
    [InlineData("What is Triton?", "describe", "Triton")]
    public void Phrasing_matches_form(string question, string form, string entity)
    {
        var match = QuestionMatcher.Match(question);

        Assert.NotNull(match);
        Assert.Equal(form, match.Form.Name);
        Assert.Equal(entity, Assert.Single(match.Mentions).Value);
    }

    [Fact]
    public void Shortest_path_splits_two_names()
    {
        var match = QuestionMatcher.Match("shortest path between \"Black and White\" and Sandworm Team");

        Assert.NotNull(match);
        Assert.Equal("shortest-path", match.Form.Name);
        Assert.Equal(["from", "to"], match.Mentions.Select(mention => mention.Key));
        Assert.Equal(["Black and White", "Sandworm Team"], match.Mentions.Select(mention => mention.Value));
    }

    [Theory]
    [InlineData("who is connected to Triton within 3 hops", "3")]
    [InlineData("what is linked to Triton within two hops", "two")]
    [InlineData("neighbours of Triton within 1 hop", "1")]
    public void Hops_are_captured(string question, string hops)
    {
        var match = QuestionMatcher.Match(question);

        Assert.NotNull(match);
        Assert.Equal("connected-within", match.Form.Name);
        Assert.Equal(hops, match.HopsText);
        Assert.Equal("Triton", match.Mentions[0].Value);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("four", 4)]
    [InlineData("Two", 2)]
    [InlineData("many", null)]
    public void Hops_parse_digits_and_words(string text, int? hops)
    {
        Assert.Equal(hops, QuestionMatcher.ParseHops(text));
    }

    [Theory]
    [InlineData("which groups use Triton", "groups", "intrusion-set")]
    [InlineData("what malware does Sandworm Team use", "malware", "malware")]
    [InlineData("list all courses of action", "courses of action", "course-of-action")]
    [InlineData("how many techniques are there", "techniques", "attack-pattern")]
    public void Kind_word_names_types(string question, string kind, string type)
    {
        var match = QuestionMatcher.Match(question);

        Assert.NotNull(match);
        Assert.Equal(kind, match.Kind);
        Assert.Equal([type], EntityKinds.TypesOf(match.Kind!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Why did the chicken cross the road?")]
    [InlineData("MATCH (n) DETACH DELETE n")]
    [InlineData("delete all groups")]
    [InlineData("how many")]
    public void Other_questions_match_nothing(string question)
    {
        Assert.Null(QuestionMatcher.Match(question));
    }

    [Fact]
    public void Catalogue_names_are_unique()
    {
        var names = QuestionCatalogue.Forms.Select(form => form.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.True(names.Count >= 10, $"Only {names.Count} forms.");
    }

    [Fact]
    public void Templates_take_values_only_as_parameters()
    {
        foreach (var template in QuestionCatalogue.Forms.SelectMany(form => form.Templates))
        {
            // The only quoted text in a template is a backticked label or relationship type of the graph.
            Assert.DoesNotContain("'", template, StringComparison.Ordinal);
            Assert.DoesNotContain("\"", template, StringComparison.Ordinal);
            Assert.DoesNotContain("CREATE", template, StringComparison.Ordinal);
            Assert.DoesNotContain("DELETE", template, StringComparison.Ordinal);
            Assert.DoesNotContain("SET ", template, StringComparison.Ordinal);
            Assert.DoesNotContain("MERGE", template, StringComparison.Ordinal);
        }
    }
}
