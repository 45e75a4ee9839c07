using IntelGraph.Testing;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Edge.Tests;

/// <summary>The Kubernetes blue/green manifest: each Ingress host reaches a Service that selects a real slot.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string ManifestPath = Path.Combine(RepositoryFolders.Root, "deploy", "kubernetes", "blue-green.yaml");

    [Fact]
    public void Every_host_reaches_a_slot()
    {
        var documents = Load();
        var services = documents
            .Where(document => Text(document, "kind") == "Service")
            .ToDictionary(document => Text(document, "metadata", "name")!, document => Text(document, "spec", "selector", "slot"));
        var ingress = Assert.Single(documents, document => Text(document, "kind") == "Ingress");

        var hosts = ((YamlSequenceNode)Node(ingress, "spec", "rules")!).Children
            .Cast<YamlMappingNode>()
            .ToDictionary(
                rule => Text(rule, "host")!,
                rule => Text((YamlMappingNode)((YamlSequenceNode)Node(rule, "http", "paths")!).Children[0], "backend", "service", "name")!);

        Assert.Equal("blue", services["intelgraph-blue"]);
        Assert.Equal("green", services["intelgraph-green"]);
        Assert.Contains(services["intelgraph-active"], new[] { "blue", "green" });
        Assert.Equal("intelgraph-blue", hosts["gateway.blue.example.org"]);
        Assert.Equal("intelgraph-green", hosts["gateway.green.example.org"]);
        Assert.Equal("intelgraph-active", hosts["gateway.example.org"]);
        Assert.All(hosts.Values, service => Assert.True(services.ContainsKey(service), $"the Ingress names a missing Service '{service}'"));
    }

    private static List<YamlMappingNode> Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(ManifestPath);
        stream.Load(reader);
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    private static YamlNode? Node(YamlMappingNode mapping, params string[] path)
    {
        YamlNode? current = mapping;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string? Text(YamlMappingNode mapping, params string[] path) => (Node(mapping, path) as YamlScalarNode)?.Value;
}
