using IntelGraph.Flags.Evaluation;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Yaml;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Flags.Tests;

/// <summary>Evaluation through Microsoft.FeatureManagement: environments, tenant and group targeting, and sticky percentages.</summary>
public sealed class FlagEvaluatorTests
{
    private static readonly FlagCaller PilotInternal = new("pilot", "user-1", ["internal"]);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static FlagEvaluator Evaluator(string text, string environment) =>
        new(FlagsFileReader.Parse(text, "flags.yaml"), environment, NullLoggerFactory.Instance);

    private static async Task<bool> IsOnAsync(FlagEvaluator evaluator, string flag, FlagCaller caller) =>
        (await evaluator.EvaluateAsync(caller, Cancellation)).Single(pair => pair.Key == flag).Value;

    [Fact]
    public async Task Repository_file_differs_per_environment()
    {
        var document = await FlagsFileReader.ReadAsync(FlagsYaml.Repository, Cancellation);
        var outsider = new FlagCaller("other", "user-2", []);

        var dev = new FlagEvaluator(document, "dev", NullLoggerFactory.Instance);
        var prod = new FlagEvaluator(document, "prod", NullLoggerFactory.Instance);

        Assert.True(await IsOnAsync(dev, FlagNames.EnableFederation, outsider));
        Assert.False(await IsOnAsync(dev, FlagNames.ProdMode, outsider));
        Assert.False(await IsOnAsync(prod, FlagNames.EnableFederation, outsider));
        Assert.True(await IsOnAsync(prod, FlagNames.ProdMode, outsider));
        Assert.True(await IsOnAsync(prod, FlagNames.StrictOpa, outsider));
        Assert.False(await IsOnAsync(prod, FlagNames.EnableXai, outsider));
        Assert.True(await IsOnAsync(prod, FlagNames.EnableXai, PilotInternal));
    }

    [Fact]
    public async Task Every_flag_is_listed_in_order()
    {
        var evaluator = Evaluator(FlagsYaml.WithEnvironment("dev", "prodMode: true"), "dev");

        var values = await evaluator.EvaluateAsync(PilotInternal, Cancellation);

        Assert.Equal(FlagNames.All, values.Select(pair => pair.Key));
        Assert.Equal([false, false, false, false, false, true], values.Select(pair => pair.Value));
    }

    [Fact]
    public async Task Tenant_targeting_matches_listed_tenants()
    {
        var evaluator = Evaluator(FlagsYaml.WithEnvironment("prod", "enableWallets: { tenants: [pilot, beta] }"), "prod");

        Assert.True(await IsOnAsync(evaluator, FlagNames.EnableWallets, new FlagCaller("pilot", "a", [])));
        Assert.True(await IsOnAsync(evaluator, FlagNames.EnableWallets, new FlagCaller("beta", "b", [])));
        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableWallets, new FlagCaller("gamma", "a", [])));
        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableWallets, new FlagCaller(null, "a", [])));
    }

    [Fact]
    public async Task Group_name_is_not_a_tenant()
    {
        var evaluator = Evaluator(FlagsYaml.WithEnvironment("prod", "enableWallets: { tenants: [pilot] }", "enableXAI: { groups: [internal] }"), "prod");

        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableWallets, new FlagCaller("other", "a", ["pilot"])));
        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("internal", "a", [])));
    }

    [Fact]
    public async Task Group_targeting_matches_group_claims()
    {
        var evaluator = Evaluator(FlagsYaml.WithEnvironment("stage", "enableXAI: { groups: [internal, red-team] }"), "stage");

        Assert.True(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("pilot", "a", ["analysts", "internal"])));
        Assert.True(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("pilot", "a", ["red-team"])));
        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("pilot", "a", ["analysts"])));
        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("pilot", "a", ["Internal"])));
    }

    [Fact]
    public async Task Keycloak_full_group_path_matches()
    {
        var evaluator = Evaluator(FlagsYaml.WithEnvironment("stage", "enableXAI: { groups: [internal] }"), "stage");

        Assert.True(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("pilot", "a", ["/internal"])));
        Assert.False(await IsOnAsync(evaluator, FlagNames.EnableXai, new FlagCaller("pilot", "a", ["/parent/internal"])));
    }

    [Fact]
    public async Task Percentage_is_sticky_per_user()
    {
        var text = FlagsYaml.WithEnvironment("prod", "enableOffline: { percentage: 50 }");
        var first = Evaluator(text, "prod");
        var second = Evaluator(text, "prod");

        for (var user = 0; user < 200; user++)
        {
            var caller = new FlagCaller("pilot", $"user-{user}", []);
            var answer = await IsOnAsync(first, FlagNames.EnableOffline, caller);

            Assert.Equal(answer, await IsOnAsync(first, FlagNames.EnableOffline, caller));
            Assert.Equal(answer, await IsOnAsync(second, FlagNames.EnableOffline, caller));
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(90)]
    public async Task Percentage_gives_rough_share(int percentage)
    {
        const int Users = 4000;
        var evaluator = Evaluator(FlagsYaml.WithEnvironment("prod", $"enableOffline: {{ percentage: {percentage} }}"), "prod");

        var on = 0;
        for (var user = 0; user < Users; user++)
        {
            if (await IsOnAsync(evaluator, FlagNames.EnableOffline, new FlagCaller("pilot", Guid.NewGuid().ToString(), [])))
            {
                on++;
            }
        }

        // Four standard deviations of a binomial share at 4000 users is under 3.2 points for any percentage.
        var share = 100.0 * on / Users;
        Assert.InRange(share, percentage - 3.2, percentage + 3.2);
    }

    [Fact]
    public async Task Raising_percentage_keeps_earlier_users()
    {
        var ten = Evaluator(FlagsYaml.WithEnvironment("prod", "enableOffline: { percentage: 10 }"), "prod");
        var thirty = Evaluator(FlagsYaml.WithEnvironment("prod", "enableOffline: { percentage: 30 }"), "prod");

        var onAtTen = 0;
        for (var user = 0; user < 500; user++)
        {
            var caller = new FlagCaller("pilot", $"user-{user}", []);
            if (await IsOnAsync(ten, FlagNames.EnableOffline, caller))
            {
                onAtTen++;
                Assert.True(await IsOnAsync(thirty, FlagNames.EnableOffline, caller), $"{caller.UserId} lost the flag when the percentage rose.");
            }
        }

        Assert.True(onAtTen > 0);
    }

    [Fact]
    public async Task Percentage_differs_between_flags()
    {
        var evaluator = Evaluator(
            FlagsYaml.WithEnvironment("prod", "enableOffline: { percentage: 50 }", "enableWallets: { percentage: 50 }"),
            "prod");

        var differing = 0;
        for (var user = 0; user < 200; user++)
        {
            var values = await evaluator.EvaluateAsync(new FlagCaller("pilot", $"user-{user}", []), Cancellation);
            var offline = values.Single(pair => pair.Key == FlagNames.EnableOffline).Value;
            var wallets = values.Single(pair => pair.Key == FlagNames.EnableWallets).Value;
            differing += offline == wallets ? 0 : 1;
        }

        // The hash includes the flag name, so two 50 % flags pick independent halves: about 100 of 200 users differ.
        Assert.InRange(differing, 60, 140);
    }

    [Fact]
    public async Task Unknown_environment_is_rejected()
    {
        var document = FlagsFileReader.Parse(FlagsYaml.WithEnvironment("dev"), "flags.yaml");

        var exception = Assert.Throws<KeyNotFoundException>(() => new FlagEvaluator(document, "prod", NullLoggerFactory.Instance));

        Assert.Contains("'prod'", exception.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
