using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Flags.Rendering;

/// <summary>
/// A Kubernetes ConfigMap (apiVersion v1) that carries one environment of a flags file. Its only data
/// key, <see cref="DataKey"/>, contains a complete flags file that configures just that environment, so
/// mounting the ConfigMap as a volume gives the server a file it reads like any other flags file.
/// </summary>
public sealed record FlagsConfigMap(string Name, string? Namespace, string Environment, string FlagsYaml)
{
    /// <summary>The data key, and so the file name inside a mounted ConfigMap volume.</summary>
    public const string DataKey = "flags.yaml";

    public const string DefaultName = "intelgraph-flags";

    public const string EnvironmentLabel = "intelgraph/flags-environment";

    /// <summary>The annotation holding the hex SHA-256 of the flags data, so a change of flags changes the ConfigMap's metadata too.</summary>
    public const string DigestAnnotation = "intelgraph/flags-sha256";

    public const string ChangedByAnnotation = "intelgraph/flags-changed-by";

    /// <exception cref="KeyNotFoundException">The document does not configure <paramref name="environment"/>.</exception>
    public static FlagsConfigMap Render(FlagsDocument document, string environment, string name = DefaultName, string? @namespace = null) =>
        new(name, @namespace, environment, FlagsFileWriter.Write(document.WithOnlyEnvironment(environment)))
        {
            ChangedBy = document.Metadata.ChangedBy,
        };

    public string? ChangedBy { get; init; }

    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FlagsYaml)));

    public string ToYaml()
    {
        var metadata = new YamlMappingNode { { "name", Name } };
        if (Namespace is not null)
        {
            metadata.Add("namespace", Namespace);
        }

        var labels = new YamlMappingNode();
        foreach (var (key, value) in Labels())
        {
            labels.Add(key, value);
        }

        var annotations = new YamlMappingNode();
        foreach (var (key, value) in Annotations())
        {
            annotations.Add(key, new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted });
        }

        metadata.Add("labels", labels);
        metadata.Add("annotations", annotations);

        var root = new YamlMappingNode
        {
            { "apiVersion", "v1" },
            { "kind", "ConfigMap" },
            { "metadata", metadata },
            { "data", new YamlMappingNode { { DataKey, new YamlScalarNode(FlagsYaml) { Style = ScalarStyle.Literal } } } },
        };

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    public string ToJson()
    {
        var metadata = new Dictionary<string, object> { ["name"] = Name };
        if (Namespace is not null)
        {
            metadata["namespace"] = Namespace;
        }

        metadata["labels"] = Labels();
        metadata["annotations"] = Annotations();
        var configMap = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = new Dictionary<string, string> { [DataKey] = FlagsYaml },
        };

        return JsonSerializer.Serialize(configMap, new JsonSerializerOptions { WriteIndented = true });
    }

    private Dictionary<string, string> Labels() => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "intelgraph",
        ["app.kubernetes.io/component"] = "feature-flags",
        [EnvironmentLabel] = Environment,
    };

    private Dictionary<string, string> Annotations()
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [DigestAnnotation] = Digest };
        if (ChangedBy is not null)
        {
            annotations[ChangedByAnnotation] = ChangedBy;
        }

        return annotations;
    }
}
