using IntelGraph.Questions.Forms;
using IntelGraph.Testing;

namespace IntelGraph.Questions.Tests;

/// <summary>docs/questions.md shows every form with the Cypher it produces, so the page cannot drift from the catalogue.</summary>
public sealed class QuestionDocsTests
{
    [Fact]
    public void Docs_show_every_form_and_template()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryFolders.Root, "docs", "questions.md")).ReplaceLineEndings("\n");

        foreach (var form in QuestionCatalogue.Forms)
        {
            // A form with hops is shown with its 2-hop template.
            var template = form.MinHops == 0 ? form.Templates[0] : form.TemplateFor(2);

            Assert.Contains($"### `{form.Name}`: {form.Question}", page, StringComparison.Ordinal);
            Assert.Contains($"```cypher\n{template.ReplaceLineEndings("\n")}\n```", page, StringComparison.Ordinal);
            Assert.All(form.Examples, example => Assert.Contains($"\"{example}\"", page, StringComparison.Ordinal));
        }
    }
}
