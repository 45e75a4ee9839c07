using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IntelGraph.Server.Tests;

/// <summary>
/// <c>GET /metrics</c> on the shared server. Other tests run at the same time and every server in this
/// process feeds the same instruments, so counters are checked for growth, never for exact values.
/// </summary>
public sealed partial class MetricsEndpointTests(SharedServer shared)
{
    private ServerHost Server => shared.Host;

    [Fact]
    public async Task Alert_metric_names_appear_in_scrape()
    {
        await ExerciseEveryMetricAsync();

        var scraped = (await MetricsScrape.ReadAsync(Server)).SampleNames();

        var referenced = AlertMetricNames();
        Assert.NotEmpty(referenced);
        foreach (var name in referenced)
        {
            Assert.True(scraped.Contains(name), $"alerts.yml uses {name}, but the scrape has no such sample. Scraped: {string.Join(", ", scraped.Order(StringComparer.Ordinal))}");
        }
    }

    [Fact]
    public async Task Dashboard_queries_use_scraped_metrics()
    {
        await ExerciseEveryMetricAsync();
        var scraped = (await MetricsScrape.ReadAsync(Server)).SampleNames();

        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Testing.RepositoryFolders.Root, "ops", "grafana", "intelgraph-ga.json")));
        var expressions = DashboardExpressions(dashboard.RootElement).ToList();

        Assert.Equal("IntelGraph GA", dashboard.RootElement.GetProperty("title").GetString());
        Assert.NotEmpty(expressions);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (panel, expression) in expressions)
        {
            var names = PromQlMetricNames.In(expression);
            Assert.True(names.Count > 0, $"Panel '{panel}' has an expression without a metric: {expression}");
            foreach (var name in names)
            {
                Assert.True(scraped.Contains(name), $"Panel '{panel}' uses {name}, which the server does not export. Scraped: {string.Join(", ", scraped.Order(StringComparer.Ordinal))}");
                used.Add(name);
            }
        }

        // Every metric family the server exports has a panel, and a histogram counts through any of its series.
        var families = scraped.Where(name => name.StartsWith("intelgraph_", StringComparison.Ordinal)).Select(HistogramFamily).ToHashSet(StringComparer.Ordinal);
        var shown = used.Select(HistogramFamily).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(families.Except(shown));
    }

    [Fact]
    public void PromQl_names_skip_functions_and_labels()
    {
        var names = PromQlMetricNames.In(
            "histogram_quantile(0.95, sum by (le, route) (rate(intelgraph_graph_query_duration_seconds_bucket{route=~\"/graph.*\"}[$__rate_interval]))) / on (route) group_left sum(up) > bool 2e6");

        Assert.Equal(["intelgraph_graph_query_duration_seconds_bucket", "up"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Request_duration_uses_route_template()
    {
        var token = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var entityId = Ids.New("metrics-entity");

        using var response = await Server.SendAsync(HttpMethod.Get, $"/graph/entities/{entityId}", token);
        var scrape = await MetricsScrape.ReadAsync(Server);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(entityId, scrape.Text, StringComparison.Ordinal);
        Assert.True(
            scrape.Value("intelgraph_http_request_duration_seconds_count", ("method", "GET"), ("route", "/graph/entities/{entityId}"), ("status", "404")) >= 1,
            "No request duration sample for GET /graph/entities/{entityId} with status 404.");
        Assert.True(
            scrape.Value("intelgraph_graph_query_duration_seconds_count", ("route", "/graph/entities/{entityId}")) >= 1,
            "No graph query duration sample for /graph/entities/{entityId}.");
    }

    [Fact]
    public async Task Budget_denial_counts_by_tenant()
    {
        var admin = await Server.TokenAsync(DevClients.Client("beta", "admin"));
        using var init = await Server.SendAsync(HttpMethod.Post, "/budget/init", admin, """{"tenant":"beta","ms":2500,"rows":100000}""");
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        var before = (await MetricsScrape.ReadAsync(Server)).Value("intelgraph_budget_denials_total", ("tenant", "beta"));

        using var denied = await Server.SendAsync(HttpMethod.Post, "/budget/check", admin, """{"tenant":"beta","estMs":5000,"estRows":1}""");
        var after = (await MetricsScrape.ReadAsync(Server)).Value("intelgraph_budget_denials_total", ("tenant", "beta"));

        Assert.Equal("deny", (await denied.JsonAsync()).GetProperty("decision").GetString());
        Assert.True(after >= before + 1, $"The beta budget denial counter went from {before} to {after}.");
    }

    [Fact]
    public async Task Policy_decisions_count_allowed_and_denied()
    {
        var analyst = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));
        var before = await MetricsScrape.ReadAsync(Server);

        using var allowed = await Server.SendAsync(HttpMethod.Get, "/cases", analyst);
        using var denied = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", analyst);
        var after = await MetricsScrape.ReadAsync(Server);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        foreach (var decision in new[] { "allowed", "denied" })
        {
            var from = before.Value("intelgraph_policy_decisions_total", ("decision", decision));
            var to = after.Value("intelgraph_policy_decisions_total", ("decision", decision));
            Assert.True(to >= from + 1, $"The {decision} policy decision counter went from {from} to {to}.");
        }
    }

    [Fact]
    public async Task Wallet_revocations_exist_at_zero()
    {
        var scrape = await MetricsScrape.ReadAsync(Server);

        Assert.Contains("intelgraph_wallet_revocations_total", scrape.SampleNames());
        Assert.Equal(0, scrape.Value("intelgraph_wallet_revocations_total"));
    }

    /// <summary>Sends one request of each kind the alerts watch: a graph query, a budget denial, an allowed and a denied decision.</summary>
    private async Task ExerciseEveryMetricAsync()
    {
        var admin = await Server.TokenAsync(DevClients.Client("alpha", "admin"));
        var analyst = await Server.TokenAsync(DevClients.Client("alpha", "analyst"));

        using var search = await Server.SendAsync(HttpMethod.Get, "/graph/entities?label=metrics", analyst);
        using var init = await Server.SendAsync(HttpMethod.Post, "/budget/init", admin, """{"tenant":"alpha","ms":2500,"rows":100000}""");
        using var check = await Server.SendAsync(HttpMethod.Post, "/budget/check", analyst, """{"tenant":"alpha","estMs":5000,"estRows":2e6}""");
        using var forbidden = await Server.SendAsync(HttpMethod.Get, "/admin/freeze", analyst);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    /// <summary>Returns every server metric name the expressions in ops/prometheus/alerts.yml use; recorded series (with a colon) are left out.</summary>
    private static IReadOnlySet<string> AlertMetricNames()
    {
        var alerts = File.ReadAllText(Path.Combine(Testing.RepositoryFolders.Root, "ops", "prometheus", "alerts.yml"));
        return IntelGraphMetricName().Matches(alerts).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Returns every panel title and query expression of a Grafana dashboard, including panels inside collapsed rows.</summary>
    private static IEnumerable<(string Panel, string Expression)> DashboardExpressions(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in DashboardExpressions(JsonDocument.Parse($"{{\"panels\":{nested.GetRawText()}}}").RootElement))
                {
                    yield return inner;
                }
            }

            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    yield return (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!);
                }
            }
        }
    }

    private static string HistogramFamily(string name) => HistogramSuffix().Replace(name, string.Empty);

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"\bintelgraph_[a-z0-9_]+\b")]
    private static partial Regex IntelGraphMetricName();
}
