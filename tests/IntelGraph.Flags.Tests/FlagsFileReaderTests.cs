using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Flags.Tests;

/// <summary>Reading flags files: the repository's file, every setting form, and every kind of malformed file with its line and field.</summary>
public sealed class FlagsFileReaderTests
{
    [Fact]
    public async Task Repository_file_is_valid()
    {
        var document = await FlagsFileReader.ReadAsync(FlagsYaml.Repository, TestContext.Current.CancellationToken);

        Assert.Equal(FlagNames.All, document.Flags.Select(flag => flag.Name));
        Assert.Equal(FlagEnvironments.All, document.Environments.Keys);
        Assert.Equal(FlagSetting.On, document.SettingsFor("prod")[FlagNames.ProdMode]);
        Assert.Equal(FlagSetting.On, document.SettingsFor("prod")[FlagNames.StrictOpa]);
        Assert.Equal(["internal"], document.SettingsFor("prod")[FlagNames.EnableXai].Groups);
        Assert.Equal(FlagSetting.Off, document.SettingsFor("prod")[FlagNames.EnableFederation]);
        Assert.Equal("release-captain", document.Metadata.ChangedBy);
    }

    [Fact]
    public void Setting_forms_are_read()
    {
        var text = FlagsYaml.WithEnvironment(
            "stage",
            "enableXAI: true",
            "enableFederation: { enabled: false, tenants: [pilot, beta-2], groups: [internal], percentage: 12.5 }",
            "enableWallets: { enabled: true }",
            "enableOffline: { percentage: 40 }");

        var settings = FlagsFileReader.Parse(text, "flags.yaml").SettingsFor("stage");

        Assert.Equal(FlagSetting.On, settings[FlagNames.EnableXai]);
        Assert.Equal(new FlagSetting(false, ["pilot", "beta-2"], ["internal"], 12.5), settings[FlagNames.EnableFederation]);
        Assert.Equal(FlagSetting.On, settings[FlagNames.EnableWallets]);
        Assert.Equal(new FlagSetting(false, [], [], 40), settings[FlagNames.EnableOffline]);
        Assert.Equal(FlagSetting.Off, settings[FlagNames.ProdMode]);
    }

    [Fact]
    public void Required_environment_must_be_configured()
    {
        var text = FlagsYaml.WithEnvironment("dev");

        var error = Assert.Single(Assert.Throws<FlagsFileException>(() => FlagsFileReader.Parse(text, "flags.yaml", requiredEnvironment: "prod")).Errors);

        Assert.Equal("environments.prod", error.Field);
        Assert.Equal(12, error.Line);
        Assert.Contains("configures only dev", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-flags-{Guid.NewGuid():N}.yaml");

        var exception = await Assert.ThrowsAsync<FlagsFileException>(() => FlagsFileReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Malformed files with the line and field each must be reported at. The header of
    /// <see cref="FlagsYaml.Header"/> has 11 lines, so the environment name is on line 12 and its
    /// flags on lines 13 (enableXAI) to 18 (prodMode).
    /// </summary>
    public static TheoryData<string, string, int, string, string> MalformedFiles() => new()
    {
        { "YAML syntax error", FlagsYaml.WithEnvironment("dev", "enableXAI: [true"), 13, "", "invalid YAML" },
        { "tab indentation", FlagsYaml.Header + "  dev:\n\tenableXAI: true\n", 13, "", "invalid YAML" },
        { "unknown flag in environment", FlagsYaml.Environment("dev").Insert(0, FlagsYaml.Header).Replace("    prodMode: false", "    prodMode: false\n    enableMagic: true", StringComparison.Ordinal), 19, "environments.dev.enableMagic", "unknown flag 'enableMagic'" },
        { "unknown flag declared", FlagsYaml.WithEnvironment("dev").Replace("  prodMode: { description: Production mode }", "  prodMode: { description: Production mode }\n  enableMagic: { description: Magic }", StringComparison.Ordinal), 11, "flags.enableMagic", "unknown flag 'enableMagic'" },
        { "percentage above 100", FlagsYaml.WithEnvironment("prod", "enableXAI: { percentage: 150 }"), 13, "environments.prod.enableXAI.percentage", "invalid value 150; expected a number from 0 to 100" },
        { "negative percentage", FlagsYaml.WithEnvironment("prod", "enableXAI: { percentage: -1 }"), 13, "environments.prod.enableXAI.percentage", "invalid value -1" },
        { "percentage as text", FlagsYaml.WithEnvironment("prod", "enableXAI: { percentage: ten }"), 13, "environments.prod.enableXAI.percentage", "expected a number from 0 to 100, found 'ten'" },
        { "percentage with sign", FlagsYaml.WithEnvironment("prod", "enableXAI: { percentage: 10% }"), 13, "environments.prod.enableXAI.percentage", "found '10%'" },
        { "unknown environment", FlagsYaml.WithEnvironment("qa"), 12, "environments.qa", "unknown environment 'qa'; expected one of dev, stage, prod" },
        { "flag value of wrong type", FlagsYaml.WithEnvironment("dev", "prodMode: yes"), 18, "environments.dev.prodMode", "expected true or false, found 'yes'" },
        { "quoted boolean", FlagsYaml.WithEnvironment("dev", "prodMode: \"true\""), 18, "environments.dev.prodMode", "found the quoted text \"true\"" },
        { "enabled of wrong type", FlagsYaml.WithEnvironment("dev", "strictOPA: { enabled: 1 }"), 17, "environments.dev.strictOPA.enabled", "expected true or false, found '1'" },
        { "groups not a list", FlagsYaml.WithEnvironment("dev", "enableXAI: { groups: internal }"), 13, "environments.dev.enableXAI.groups", "expected a list" },
        { "tenant name invalid", FlagsYaml.WithEnvironment("dev", "enableXAI: { tenants: [pilot, Bad Tenant] }"), 13, "environments.dev.enableXAI.tenants[1]", "invalid tenant name 'Bad Tenant'" },
        { "group with leading slash", FlagsYaml.WithEnvironment("dev", "enableXAI: { groups: [/internal] }"), 13, "environments.dev.enableXAI.groups[0]", "without a leading '/'" },
        { "tenant listed twice", FlagsYaml.WithEnvironment("dev", "enableXAI: { tenants: [pilot, pilot] }"), 13, "environments.dev.enableXAI.tenants[1]", "listed twice" },
        { "misspelt targeting field", FlagsYaml.WithEnvironment("dev", "enableXAI: { group: [internal] }"), 13, "environments.dev.enableXAI.group", "unknown field; expected one of enabled, tenants, groups, percentage" },
        { "enabled with targeting", FlagsYaml.WithEnvironment("dev", "enableXAI: { enabled: true, groups: [internal] }"), 13, "environments.dev.enableXAI", "would have no effect" },
        { "flag missing in environment", FlagsYaml.WithEnvironment("dev").Replace("    enableOffline: false\n", string.Empty, StringComparison.Ordinal), 13, "environments.dev.enableOffline", "every environment sets every flag" },
        { "declaration missing", FlagsYaml.WithEnvironment("dev").Replace("  enableWallets: { description: Wallets }\n", string.Empty, StringComparison.Ordinal), 5, "flags.enableWallets", "every known flag must be declared" },
        { "description missing", FlagsYaml.WithEnvironment("dev").Replace("{ description: Wallets }", "{}", StringComparison.Ordinal), 7, "flags.enableWallets.description", "missing" },
        { "version unsupported", FlagsYaml.WithEnvironment("dev").Replace("version: 1", "version: 2", StringComparison.Ordinal), 1, "version", "unsupported version 2" },
        { "unknown top-level field", "owner: me\n" + FlagsYaml.WithEnvironment("dev"), 1, "owner", "unknown field" },
        { "duplicate flag key", FlagsYaml.WithEnvironment("dev").Replace("    prodMode: false", "    prodMode: false\n    prodMode: true", StringComparison.Ordinal), 19, "", "invalid YAML" },
        { "top level not a mapping", "- version: 1\n", 1, "", "expected a mapping at the top of the file" },
        { "environments empty", FlagsYaml.Header.Replace("environments:\n", "environments: {}\n", StringComparison.Ordinal), 11, "environments", "empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Malformed_file_names_line_and_field(string description, string text, int line, string field, string message)
    {
        var exception = Assert.Throws<FlagsFileException>(() => FlagsFileReader.Parse(text, "deploy/flags/bad.yaml"));

        var error = exception.Errors.FirstOrDefault(candidate => candidate.Field == field);
        Assert.True(error is not null, $"{description}: no error for field '{field}' in:{Environment.NewLine}{exception.Message}");
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("deploy/flags/bad.yaml", error.File);
        Assert.StartsWith($"deploy/flags/bad.yaml:{line}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var text = FlagsYaml.WithEnvironment("prod", "enableXAI: { percentage: 101 }", "prodMode: maybe");

        var exception = Assert.Throws<FlagsFileException>(() => FlagsFileReader.Parse(text, "flags.yaml"));

        Assert.Equal(["environments.prod.enableXAI.percentage", "environments.prod.prodMode"], exception.Errors.Select(error => error.Field));
        Assert.Contains("2 problems", exception.Message, StringComparison.Ordinal);
    }
}
