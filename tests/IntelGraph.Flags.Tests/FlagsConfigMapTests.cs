using IntelGraph.Flags.Model;
using IntelGraph.Flags.Rendering;
using IntelGraph.Flags.Yaml;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Flags.Tests;

/// <summary>Writing flags files and rendering ConfigMaps, each parsed back.</summary>
public sealed class FlagsConfigMapTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("dev")]
    [InlineData("stage")]
    [InlineData("prod")]
    public async Task Rendered_config_map_reads_back(string environment)
    {
        var document = await FlagsFileReader.ReadAsync(FlagsYaml.Repository, Cancellation);

        var yaml = FlagsConfigMap.Render(document, environment, @namespace: "intelgraph").ToYaml();

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.Equal("v1", root["apiVersion"].ToString());
        Assert.Equal("ConfigMap", root["kind"].ToString());
        var metadata = (YamlMappingNode)root["metadata"];
        Assert.Equal("intelgraph-flags", metadata["name"].ToString());
        Assert.Equal("intelgraph", metadata["namespace"].ToString());
        Assert.Equal(environment, ((YamlMappingNode)metadata["labels"])[FlagsConfigMap.EnvironmentLabel].ToString());

        var data = (YamlMappingNode)root["data"];
        var flagsYaml = data[FlagsConfigMap.DataKey].ToString();
        var readBack = FlagsFileReader.Parse(flagsYaml, "configmap:data/flags.yaml", requiredEnvironment: environment);
        Assert.Equal([environment], readBack.Environments.Keys);
        Assert.Equal(document.SettingsFor(environment), readBack.SettingsFor(environment));
        Assert.Equal(document.Flags, readBack.Flags);
        Assert.Equal(document.Metadata, readBack.Metadata);
    }

    [Fact]
    public async Task Config_map_annotations_carry_digest()
    {
        var document = await FlagsFileReader.ReadAsync(FlagsYaml.Repository, Cancellation);
        var configMap = FlagsConfigMap.Render(document, "prod");

        var stream = new YamlStream();
        stream.Load(new StringReader(configMap.ToYaml()));
        var annotations = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["metadata"])["annotations"];

        Assert.Equal(configMap.Digest, annotations[FlagsConfigMap.DigestAnnotation].ToString());
        Assert.Equal("release-captain", annotations[FlagsConfigMap.ChangedByAnnotation].ToString());
        Assert.Equal(64, configMap.Digest.Length);
    }

    [Fact]
    public async Task Json_config_map_reads_back()
    {
        var document = await FlagsFileReader.ReadAsync(FlagsYaml.Repository, Cancellation);

        var json = System.Text.Json.JsonDocument.Parse(FlagsConfigMap.Render(document, "stage").ToJson()).RootElement;

        Assert.Equal("ConfigMap", json.GetProperty("kind").GetString());
        var flagsYaml = json.GetProperty("data").GetProperty(FlagsConfigMap.DataKey).GetString()!;
        Assert.Equal(document.SettingsFor("stage"), FlagsFileReader.Parse(flagsYaml, "flags.yaml").SettingsFor("stage"));
    }

    [Fact]
    public void Written_file_reads_back()
    {
        var text = FlagsYaml.WithEnvironment(
            "prod",
            "enableXAI: { groups: [internal, \"true\"] }",
            "enableFederation: { tenants: [pilot, \"123\"], percentage: 0.5 }",
            "prodMode: true") + FlagsYaml.Environment("dev", "enableOffline: { percentage: 33.3 }");
        var document = FlagsFileReader.Parse(text, "flags.yaml");

        var written = FlagsFileWriter.Write(document);
        var readBack = FlagsFileReader.Parse(written, "written.yaml");

        Assert.Equal(["dev", "prod"], readBack.Environments.Keys);
        foreach (var environment in document.Environments.Keys)
        {
            Assert.Equal(document.SettingsFor(environment), readBack.SettingsFor(environment));
        }

        Assert.DoesNotContain("...", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_environment_cannot_be_rendered()
    {
        var document = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("dev"), "flags.yaml");

        Assert.Throws<KeyNotFoundException>(() => FlagsConfigMap.Render(document, "prod"));
    }

    [Fact]
    public void Setting_equality_compares_lists()
    {
        Assert.Equal(new FlagSetting(false, ["pilot"], ["internal"], 5), new FlagSetting(false, ["pilot"], ["internal"], 5));
        Assert.NotEqual(new FlagSetting(false, ["pilot"], [], 5), new FlagSetting(false, ["beta"], [], 5));
        Assert.NotEqual(FlagSetting.On, FlagSetting.Off);
    }
}
