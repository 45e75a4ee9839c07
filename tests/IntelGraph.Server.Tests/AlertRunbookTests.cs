using YamlDotNet.RepresentationModel;

namespace IntelGraph.Server.Tests;

/// <summary>Every alert rule in ops/prometheus links a runbook in docs/runbooks that exists and explains the alert.</summary>
public sealed class AlertRunbookTests
{
    private static readonly string Root = Testing.RepositoryFolders.Root;

    [Fact]
    public void Every_alert_links_existing_runbook()
    {
        var alerts = AlertRules().ToList();

        Assert.NotEmpty(alerts);
        foreach (var (name, annotations) in alerts)
        {
            Assert.True(annotations is not null, $"The alert {name} has no annotations.");
            Assert.True(annotations.Children.ContainsKey("runbook_url"), $"The alert {name} has no runbook_url annotation.");
            var url = annotations["runbook_url"].ToString();
            Assert.StartsWith("docs/runbooks/", url, StringComparison.Ordinal);
            Assert.EndsWith(".md", url, StringComparison.Ordinal);

            var path = Path.Combine(Root, url);
            Assert.True(File.Exists(path), $"The runbook of {name}, {url}, does not exist.");
            var text = File.ReadAllText(path);
            Assert.StartsWith($"# {name}\n", text, StringComparison.Ordinal);
            Assert.Contains("**Fires when**", text, StringComparison.Ordinal);
            Assert.Contains("\n## Check", text, StringComparison.Ordinal);
            Assert.Contains("\n## Act", text, StringComparison.Ordinal);
        }
    }

    /// <summary>Returns each alert rule's name and annotations from every rule file in ops/prometheus, skipping the promtool test files.</summary>
    private static IEnumerable<(string Name, YamlMappingNode? Annotations)> AlertRules()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "ops", "prometheus"), "*.yml").Where(file => !file.EndsWith(".test.yml", StringComparison.Ordinal)))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"];
            foreach (var group in groups.Cast<YamlMappingNode>())
            {
                foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
                {
                    if (rule.Children.TryGetValue("alert", out var name))
                    {
                        yield return (name.ToString(), rule.Children.TryGetValue("annotations", out var annotations) ? annotations as YamlMappingNode : null);
                    }
                }
            }
        }
    }
}
