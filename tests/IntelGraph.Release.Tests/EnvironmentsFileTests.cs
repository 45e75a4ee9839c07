using IntelGraph.Release.Environments;

namespace IntelGraph.Release.Tests;

public sealed class EnvironmentsFileTests
{
    private const string Valid = """
        version: 1
        signingKey: .intelgraph/release/signing-key.pem
        records: .intelgraph/releases
        environments:
          dev:
            url: http://127.0.0.1:8080
            gates: [smoke]
          stage:
            url: https://stage.example
            gates: [smoke, perf, compliance, security]
        """;

    [Fact]
    public void Valid_file_is_read()
    {
        var environments = EnvironmentsFileReader.Parse(Valid, "env.yaml");

        Assert.Equal(".intelgraph/release/signing-key.pem", environments.SigningKey);
        Assert.Equal(["smoke", "perf", "compliance", "security"], environments.Environments["stage"].Gates);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), environments.Environments["dev"].Url);
    }

    [Fact]
    public void Repository_file_is_valid()
    {
        var path = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "environments.yaml");

        var environments = EnvironmentsFileReader.Parse(File.ReadAllText(path), path);

        Assert.Equal(["dev", "prod", "stage"], environments.Environments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DeploymentEnvironments.KnownGates, environments.Environments["prod"].Gates);
    }

    [Theory]
    [InlineData("gates: [smoke, speed]", 7, "environments.dev.gates[1]", "unknown gate 'speed'")]
    [InlineData("gates: [smoke, smoke]", 7, "environments.dev.gates[1]", "listed twice")]
    [InlineData("gates: []", 7, "environments.dev.gates", "at least one gate")]
    [InlineData("gates: smoke", 7, "environments.dev.gates", "expected a list")]
    [InlineData("gates: [smoke]\n    colour: blue", 8, "environments.dev.colour", "unknown field")]
    public void Bad_gates_name_line_and_field(string gatesLine, int line, string field, string message)
    {
        var text = Valid.Replace("gates: [smoke]", gatesLine, StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFileReader.Parse(text, "env.yaml")).Errors);

        Assert.Equal("env.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_url_and_unknown_environment_are_both_reported()
    {
        var text = Valid.Replace("http://127.0.0.1:8080", "ftp://files", StringComparison.Ordinal).Replace("  stage:", "  staging:", StringComparison.Ordinal);

        var errors = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFileReader.Parse(text, "env.yaml")).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Equal(("environments.dev.url", 6L), (errors[0].Field, errors[0].Line));
        Assert.Equal(("environments.staging", 8L), (errors[1].Field, errors[1].Line));
        Assert.Contains("env.yaml:6:", errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_signing_key_is_reported()
    {
        var text = Valid.Replace("signingKey: .intelgraph/release/signing-key.pem\n", string.Empty, StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFileReader.Parse(text, "env.yaml")).Errors);

        Assert.Equal("signingKey", error.Field);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_its_line()
    {
        var text = Valid.Replace("gates: [smoke]", "gates: [smoke", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFileReader.Parse(text, "env.yaml")).Errors);

        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 7, $"line {error.Line}");
    }

    [Fact]
    public async Task Missing_file_is_reported()
    {
        var error = Assert.Single((await Assert.ThrowsAsync<EnvironmentsFileException>(
            () => EnvironmentsFileReader.ReadAsync("/nonexistent/env.yaml", TestContext.Current.CancellationToken))).Errors);

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
