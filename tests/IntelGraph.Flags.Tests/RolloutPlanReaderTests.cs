using IntelGraph.Flags.Model;
using IntelGraph.Flags.Rollout;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Flags.Tests;

/// <summary>Reading rollout plans: the repository's plan and malformed plans with line and field.</summary>
public sealed class RolloutPlanReaderTests
{
    private static readonly string RepositoryPlan = Path.Combine(IntelGraph.Testing.RepositoryFolders.Root, "deploy", "flags", "rollout-plan.yaml");

    private const string ValidPlan = """
        version: 1
        environment: prod
        keep:
          strictOPA: true
        steps:
          - name: first
            description: Production mode.
            set:
              prodMode: true
              strictOPA: true
          - name: second
            description: XAI for the internal group.
            soakBefore: 30m
            set:
              enableXAI: { groups: [internal] }
        """;

    [Fact]
    public async Task Repository_plan_is_read()
    {
        var plan = await RolloutPlanReader.ReadAsync(RepositoryPlan, TestContext.Current.CancellationToken);

        Assert.Equal("prod", plan.Environment);
        Assert.Equal(FlagSetting.On, plan.Keep[FlagNames.StrictOpa]);
        Assert.Equal(["production-mode", "xai-internal", "pilot-federation-wallets"], plan.Steps.Select(step => step.Name));

        var first = plan.Steps[0];
        Assert.Equal(FlagSetting.On, first.Set[FlagNames.ProdMode]);
        Assert.Equal(FlagSetting.On, first.Set[FlagNames.StrictOpa]);
        Assert.All([FlagNames.EnableXai, FlagNames.EnableFederation, FlagNames.EnableWallets, FlagNames.EnableOffline], flag => Assert.Equal(FlagSetting.Off, first.Set[flag]));
        Assert.Null(first.SoakBefore);

        Assert.Equal(new FlagSetting(false, [], ["internal"], 0), plan.Steps[1].Set[FlagNames.EnableXai]);
        Assert.Single(plan.Steps[1].Set);

        var third = plan.Steps[2];
        Assert.Equal(TimeSpan.FromHours(24), third.SoakBefore);
        Assert.Equal(new FlagSetting(false, ["pilot"], [], 0), third.Set[FlagNames.EnableFederation]);
        Assert.Equal(new FlagSetting(false, ["pilot"], [], 0), third.Set[FlagNames.EnableWallets]);
        Assert.All(plan.Steps, step => Assert.Contains("IntelGraphPolicyDeniedRateHigh", step.Monitor));

        Assert.Equal(TimeSpan.FromMinutes(30), plan.Soak);
        Assert.Equal(TimeSpan.FromMinutes(5), plan.Window);
        Assert.Equal(new RolloutThresholds(1500, 5, 20, null), plan.Thresholds);
        Assert.Equal(TimeSpan.FromMinutes(30), plan.SoakAfter(0));
        Assert.Equal(TimeSpan.FromHours(24), plan.SoakAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(30), plan.SoakAfter(2));
    }

    [Fact]
    public void Plan_without_soak_or_thresholds_gets_defaults()
    {
        var plan = RolloutPlanReader.Parse(ValidPlan, "plan.yaml");

        Assert.Equal(RolloutPlan.DefaultSoak, plan.Soak);
        Assert.Equal(RolloutPlan.DefaultWindow, plan.Window);
        Assert.True(plan.Thresholds.IsEmpty);
    }

    [Fact]
    public void Seconds_soak_and_thresholds_are_read()
    {
        var text = ValidPlan.Replace("environment: prod\n", "environment: prod\nsoak: 45s\nwindow: 10s\nthresholds:\n  budgetDenialsPerHour: 3\n  walletRevocationsPerHour: 0\n", StringComparison.Ordinal);

        var plan = RolloutPlanReader.Parse(text, "plan.yaml");

        Assert.Equal(TimeSpan.FromSeconds(45), plan.Soak);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Window);
        Assert.Equal(new RolloutThresholds(null, null, 3, 0), plan.Thresholds);
        Assert.Equal(TimeSpan.FromMinutes(30), plan.SoakAfter(0));
        Assert.Equal(TimeSpan.FromSeconds(45), plan.SoakAfter(1));
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("3h", 10_800)]
    [InlineData("2d", 172_800)]
    public void Duration_round_trips(string text, int seconds)
    {
        Assert.True(RolloutDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        Assert.Equal(text, RolloutDuration.Format(duration));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("10")]
    [InlineData("1.5h")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    public void Invalid_duration_is_rejected(string text)
    {
        Assert.False(RolloutDuration.TryParse(text, out _));
    }

    [Fact]
    public void Valid_plan_is_read()
    {
        var plan = RolloutPlanReader.Parse(ValidPlan, "plan.yaml");

        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(TimeSpan.FromMinutes(30), plan.Steps[1].SoakBefore);
        Assert.Empty(plan.Steps[0].Monitor);
    }

    public static TheoryData<string, string, int, string, string> MalformedPlans() => new()
    {
        { "unknown environment", ValidPlan.Replace("environment: prod", "environment: live", StringComparison.Ordinal), 2, "environment", "unknown environment 'live'" },
        { "missing environment", ValidPlan.Replace("environment: prod\n", string.Empty, StringComparison.Ordinal), 1, "environment", "missing" },
        { "unknown flag in step", ValidPlan.Replace("prodMode: true", "prodMood: true", StringComparison.Ordinal), 9, "steps[0].set.prodMood", "unknown flag 'prodMood'" },
        { "bad percentage", ValidPlan.Replace("{ groups: [internal] }", "{ percentage: 120 }", StringComparison.Ordinal), 15, "steps[1].set.enableXAI.percentage", "invalid value 120" },
        { "wrong type", ValidPlan.Replace("prodMode: true", "prodMode: on", StringComparison.Ordinal), 9, "steps[0].set.prodMode", "expected true or false" },
        { "bad duration", ValidPlan.Replace("soakBefore: 30m", "soakBefore: a day", StringComparison.Ordinal), 13, "steps[1].soakBefore", "invalid duration 'a day'" },
        { "kept flag changed", ValidPlan.Replace("      strictOPA: true\n  - name", "      strictOPA: false\n  - name", StringComparison.Ordinal), 10, "steps[0].set.strictOPA", "keeps strictOPA on in every step" },
        { "duplicate step name", ValidPlan.Replace("name: second", "name: first", StringComparison.Ordinal), 11, "steps[1].name", "used twice" },
        { "invalid step name", ValidPlan.Replace("name: second", "name: Second Step", StringComparison.Ordinal), 11, "steps[1].name", "invalid step name 'Second Step'" },
        { "missing description", ValidPlan.Replace("    description: Production mode.\n", string.Empty, StringComparison.Ordinal), 6, "steps[0].description", "missing" },
        { "unknown step field", ValidPlan.Replace("soakBefore: 30m", "soak: 30m", StringComparison.Ordinal), 13, "steps[1].soak", "unknown field" },
        { "steps not a list", "version: 1\nenvironment: prod\nsteps: none\n", 3, "steps", "expected a list of at least one step" },
        { "threshold out of range", ValidPlan.Replace("environment: prod\n", "environment: prod\nthresholds:\n  policyDeniedPercent: 120\n", StringComparison.Ordinal), 4, "thresholds.policyDeniedPercent", "invalid value 120" },
        { "unknown threshold", ValidPlan.Replace("environment: prod\n", "environment: prod\nthresholds:\n  cpuPercent: 80\n", StringComparison.Ordinal), 4, "thresholds.cpuPercent", "unknown field" },
        { "threshold not a number", ValidPlan.Replace("environment: prod\n", "environment: prod\nthresholds:\n  budgetDenialsPerHour: many\n", StringComparison.Ordinal), 4, "thresholds.budgetDenialsPerHour", "expected a number" },
        { "bad plan soak", ValidPlan.Replace("environment: prod\n", "environment: prod\nsoak: forever\n", StringComparison.Ordinal), 3, "soak", "invalid duration 'forever'" },
        { "syntax error", ValidPlan.Replace("{ groups: [internal] }", "{ groups: [internal }", StringComparison.Ordinal), 15, "", "invalid YAML" },
    };

    [Theory]
    [MemberData(nameof(MalformedPlans))]
    public void Malformed_plan_names_line_and_field(string description, string text, int line, string field, string message)
    {
        var exception = Assert.Throws<FlagsFileException>(() => RolloutPlanReader.Parse(text, "deploy/flags/rollout-plan.yaml"));

        var error = exception.Errors.FirstOrDefault(candidate => candidate.Field == field);
        Assert.True(error is not null, $"{description}: no error for field '{field}' in:{Environment.NewLine}{exception.Message}");
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("deploy/flags/rollout-plan.yaml", error.File);
    }

    [Fact]
    public void Plan_environment_must_be_in_flags_file()
    {
        var exception = Assert.Throws<FlagsFileException>(() => RolloutPlanReader.Parse(ValidPlan, "plan.yaml", ["dev", "stage"]));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("environment", error.Field);
        Assert.Equal(2, error.Line);
        Assert.Contains("does not configure 'prod'", error.Message, StringComparison.Ordinal);
    }
}
