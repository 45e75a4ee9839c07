using IntelGraph.Core;

namespace IntelGraph.Edge.Tests;

/// <summary>Reading the edge configuration file: defaults, and invalid files rejected with the field at fault.</summary>
public sealed class EdgeSettingsTests
{
    private const string Valid = """
        {
          // The address clients use.
          "listen": "http://0.0.0.0:8080",
          "admin": "http://127.0.0.1:8099",
          "blue": "http://10.0.0.1:8080",
          "green": "http://10.0.0.2:8080"
        }
        """;

    [Fact]
    public void Defaults_fill_optional_fields()
    {
        var settings = EdgeSettings.Parse(Valid, Path.Combine("deploy", "edge", "edge.json"));

        Assert.Equal(TimeSpan.FromHours(24), settings.IdleRetention);
        Assert.Equal("/healthz", settings.HealthPath);
        Assert.Equal(Path.GetFullPath(Path.Combine("deploy", "edge", "edge-state.json")), settings.StateFile);
        Assert.Equal(new Uri("http://10.0.0.2:8080"), settings.AddressOf(EdgeSide.Green));
    }

    [Fact]
    public async Task Repository_configuration_is_valid()
    {
        var path = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "edge", "edge.json");

        var settings = await EdgeSettings.ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(new Uri(EdgeAdminClient.DefaultAdmin), settings.Admin);
    }

    [Theory]
    [InlineData("\"admin\": \"http://127.0.0.1:8099\"", "\"admin\": \"http://10.0.0.9:8099\"", "edge.json:4: admin: 'http://10.0.0.9:8099' is not a loopback address")]
    [InlineData("\"admin\": \"http://127.0.0.1:8099\"", "\"admin\": \"http://127.0.0.1:8080\"", "edge.json:4: admin: port 8080 is also the listen port")]
    [InlineData(",\n  \"green\": \"http://10.0.0.2:8080\"", "", "edge.json: green: missing")]
    [InlineData("\"blue\": \"http://10.0.0.1:8080\"", "\"blue\": \"10.0.0.1:8080\"", "edge.json:5: blue: '10.0.0.1:8080' is not an absolute http or https URL")]
    [InlineData("\"listen\"", "\"listne\"", "listne")]
    [InlineData("\"green\": \"http://10.0.0.2:8080\"", "\"green\": \"http://10.0.0.2:8080\",\n  \"idleRetentionHours\": -1", "edge.json:7: idleRetentionHours: invalid value -1")]
    public void Invalid_configuration_names_line_and_field(string find, string replace, string message)
    {
        var text = Valid.Replace(find, replace, StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidInputException>(() => EdgeSettings.Parse(text, "edge.json"));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}
