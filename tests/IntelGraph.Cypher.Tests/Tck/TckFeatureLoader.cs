using Gherkin;
using Gherkin.Ast;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>Reads .feature files with the Gherkin parser and expands Scenario Outlines over their Examples rows.</summary>
internal static class TckFeatureLoader
{
    public static List<TckScenario> Load(string featuresFolder)
    {
        var scenarios = new List<TckScenario>();
        foreach (var file in Directory.EnumerateFiles(featuresFolder, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relativePath = Path.GetRelativePath(featuresFolder, file).Replace('\\', '/');
            var document = new Parser().Parse(file);
            var background = document.Feature.Children.OfType<Background>().SelectMany(b => b.Steps).Select(ToStep).ToList();
            foreach (var scenario in document.Feature.Children.OfType<Scenario>())
            {
                scenarios.AddRange(Expand(relativePath, scenario, background));
            }
        }

        return scenarios;
    }

    private static IEnumerable<TckScenario> Expand(string featureFile, Scenario scenario, List<TckStep> background)
    {
        var steps = background.Concat(scenario.Steps.Select(ToStep)).ToList();
        var examples = scenario.Examples.ToList();
        if (examples.Count == 0)
        {
            yield return new TckScenario(featureFile, scenario.Name, steps);
            yield break;
        }

        foreach (var example in examples)
        {
            var names = example.TableHeader.Cells.Select(cell => cell.Value).ToList();
            var rowNumber = 0;
            foreach (var row in example.TableBody)
            {
                rowNumber++;
                var values = row.Cells.Select(cell => cell.Value).ToList();
                var expanded = steps.Select(step => Substitute(step, names, values)).ToList();
                yield return new TckScenario(featureFile, $"{scenario.Name} (example {rowNumber})", expanded);
            }
        }
    }

    private static TckStep ToStep(Step step)
    {
        var table = step.DataTable is { } dataTable
            ? dataTable.Rows.Select(row => (IReadOnlyList<string>)row.Cells.Select(cell => cell.Value).ToList()).ToList()
            : null;
        var docString = step.DocString?.Content;
        return new TckStep(step.Keyword.Trim(), step.Text, docString, table);
    }

    private static TckStep Substitute(TckStep step, List<string> names, List<string> values)
    {
        string Replace(string text)
        {
            for (var i = 0; i < names.Count; i++)
            {
                text = text.Replace("<" + names[i] + ">", values[i], StringComparison.Ordinal);
            }

            return text;
        }

        return step with
        {
            Text = Replace(step.Text),
            DocString = step.DocString is null ? null : Replace(step.DocString),
            Table = step.Table?.Select(row => (IReadOnlyList<string>)row.Select(Replace).ToList()).ToList(),
        };
    }
}
