using System.Net;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Signing;
using IntelGraph.Stix;
using IntelGraph.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Server.Tests;

/// <summary>
/// A server whose flags file turns <c>enableXAI</c> on for the group <c>internal</c> only, over the imported
/// ATT&amp;CK for ICS bundle, with every claim sealed.
/// </summary>
public sealed class AnalyticsServerFixture : IAsyncLifetime
{
    public const string Tenant = "ics";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intelgraph-analytics-server-tests", Guid.NewGuid().ToString("N"));
    private ServerHost? _host;

    internal ServerHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var flagsFile = Path.Combine(_folder, "unified.yaml");
        await File.WriteAllTextAsync(flagsFile, """
            version: 1
            metadata:
              changedBy: tests
            flags:
              enableXAI: { description: XAI }
              enableFederation: { description: Federation }
              enableWallets: { description: Wallets }
              enableOffline: { description: Offline }
              strictOPA: { description: Strict OPA }
              prodMode: { description: Production mode }
            environments:
              prod:
                enableXAI: { enabled: false, groups: [internal] }
                enableFederation: false
                enableWallets: false
                enableOffline: false
                strictOPA: true
                prodMode: true
            """);

        _host = await ServerHost.StartAsync(settings =>
        {
            settings["IntelGraph:Flags:File"] = flagsFile;
            settings["IntelGraph:Flags:Environment"] = "prod";
            settings["IntelGraph:Flags:AuditFile"] = Path.Combine(_folder, "flags-audit.jsonl");
        });

        await using var stores = await _host.OpenStoresAsync(CancellationToken.None);
        var tenant = TenantId.Parse(Tenant);
        var bundle = RepositoryFolders.Shared("datasets", "mitre-attack-ics", "ics-attack.json");
        await new StixBundleImporter(stores.Graph, stores.Ledger, stores, NullLogger<StixBundleImporter>.Instance).ImportAsync(tenant, bundle, CancellationToken.None);
        var keys = new TenantSigningKeys(stores.Keys, TimeProvider.System, NullLogger<TenantSigningKeys>.Instance);
        var sealer = new ManifestSealer(stores.Ledger, stores.Manifests, keys, TimeProvider.System, NullLogger<ManifestSealer>.Instance);
        await new PendingClaimSealer(stores.Ledger, stores.Manifests, sealer).SealAsync(tenant, stores, CancellationToken.None);
    }

    /// <summary>Signs a token for the ICS tenant with every role and the given groups.</summary>
    public string Token(params string[] groups)
    {
        var forge = new TokenForge(Host);
        var claims = forge.ValidClaims(Tenant);
        claims["groups"] = groups;
        return forge.Sign(claims);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The <c>/graph/analytics</c> endpoints: results on real data, the <c>enableXAI</c> gate on explanations, and bad input.</summary>
public sealed class AnalyticsEndpointTests(AnalyticsServerFixture fixture) : IClassFixture<AnalyticsServerFixture>
{
    private const string SandwormTeam = "intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192";
    private const string Allanite = "intrusion-set--190242d7-73fc-4738-af68-20162f7a5aae";

    private ServerHost Server => fixture.Host;

    private async Task<JsonElement> GetOkAsync(string path, string token)
    {
        using var response = await Server.SendAsync(HttpMethod.Get, path, token);
        var body = await response.TextAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Every_analysis_returns_results()
    {
        var token = fixture.Token();
        var paths = new[]
        {
            "/graph/analytics/pagerank", "/graph/analytics/degree", "/graph/analytics/betweenness", "/graph/analytics/communities",
            $"/graph/analytics/path?from={SandwormTeam}&to={Allanite}", $"/graph/analytics/khop?node={SandwormTeam}",
            "/graph/analytics/patterns?kind=shared-techniques", "/graph/analytics/patterns?kind=common-targets", "/graph/analytics/patterns?kind=triangles",
        };

        foreach (var path in paths)
        {
            var json = await GetOkAsync(path, token);
            var result = json.GetProperty("result");
            var count = result.TryGetProperty("items", out var items) ? items.GetArrayLength()
                : result.TryGetProperty("communities", out var communities) ? communities.GetArrayLength()
                : result.TryGetProperty("steps", out var steps) ? steps.GetArrayLength()
                : result.TryGetProperty("nodes", out var nodes) ? nodes.GetArrayLength()
                : result.GetProperty("pairs").GetArrayLength() + result.GetProperty("triangles").GetArrayLength();
            Assert.True(count > 0, $"{path} returned no results: {json}");
            Assert.Equal(JsonValueKind.Null, json.GetProperty("explanation").ValueKind);
        }
    }

    [Fact]
    public async Task PageRank_sums_to_one()
    {
        var json = await GetOkAsync("/graph/analytics/pagerank?limit=3&damping=0.85", fixture.Token());

        Assert.Equal(1.0, json.GetProperty("result").GetProperty("details").GetProperty("sum").GetDouble(), 9);
        Assert.Equal(3, json.GetProperty("result").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Explanation_without_xai_is_forbidden()
    {
        var outsider = fixture.Token("external");

        foreach (var path in new[] { "/graph/analytics/pagerank?explain=true", $"/graph/analytics/path?from={SandwormTeam}&to={Allanite}&withoutEdge=x" })
        {
            var problem = await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, path, outsider), HttpStatusCode.Forbidden, "flags.feature_disabled");
            Assert.Contains("enableXAI", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Path_explanation_carries_sealed_claims()
    {
        var json = await GetOkAsync($"/graph/analytics/path?from={SandwormTeam}&to={Allanite}&explain=true", fixture.Token("internal"));

        var steps = json.GetProperty("result").GetProperty("steps");
        var explanation = json.GetProperty("explanation");
        Assert.Equal(steps.GetArrayLength(), explanation.GetArrayLength());
        for (var i = 0; i < steps.GetArrayLength(); i++)
        {
            var edgeId = steps[i].GetProperty("edge").GetProperty("id").GetString()!;
            Assert.Equal(edgeId, explanation[i].GetProperty("edge").GetProperty("id").GetString());
            var claim = explanation[i].GetProperty("claims")[0];
            Assert.Equal("clm-" + edgeId["relationship--".Length..], claim.GetProperty("claimId").GetString());
            Assert.True(claim.GetProperty("proof").GetProperty("verified").GetBoolean());
            Assert.StartsWith("mf-", claim.GetProperty("proof").GetProperty("manifestId").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Score_explanation_and_counterfactual_with_xai()
    {
        var token = fixture.Token("internal");
        var ranking = await GetOkAsync("/graph/analytics/degree?limit=1", token);
        var top = ranking.GetProperty("result").GetProperty("items")[0];
        var explained = await GetOkAsync($"/graph/analytics/degree?limit=1&explain=true&node={top.GetProperty("node").GetProperty("id").GetString()}", token);
        var edgeId = explained.GetProperty("explanation").GetProperty("neighbours")[0].GetProperty("edge").GetProperty("id").GetString();

        var counterfactual = (await GetOkAsync($"/graph/analytics/degree?limit=10&withoutEdge={edgeId}", token)).GetProperty("counterfactual");

        Assert.Equal(top.GetProperty("total").GetDouble(), explained.GetProperty("explanation").GetProperty("score").GetDouble());
        Assert.Equal(edgeId, counterfactual.GetProperty("removedEdge").GetProperty("id").GetString());
        var change = counterfactual.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("node").GetProperty("id").GetString() == top.GetProperty("node").GetProperty("id").GetString());
        Assert.Equal(change.GetProperty("before").GetDouble() - 1, change.GetProperty("after").GetDouble());
    }

    [Fact]
    public async Task Invalid_parameters_name_the_field()
    {
        var token = fixture.Token();

        var depth = await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/graph/analytics/khop?node={SandwormTeam}&depth=9", token), HttpStatusCode.BadRequest, "request.invalid_field");
        var kind = await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, "/graph/analytics/patterns?kind=squares", token), HttpStatusCode.BadRequest, "request.invalid_field");
        var missing = await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, $"/graph/analytics/path?from={SandwormTeam}", token), HttpStatusCode.BadRequest, "request.invalid_field");
        await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, "/graph/analytics/khop?node=no-such-entity", token), HttpStatusCode.NotFound, "graph.entity_not_found");
        await Problem.AssertAsync(await Server.SendAsync(HttpMethod.Get, "/graph/analytics/pagerank?withoutEdge=no-such-edge", fixture.Token("internal")), HttpStatusCode.NotFound, "graph.edge_not_found");

        Problem.AssertNamesField(depth, "depth");
        Problem.AssertNamesField(kind, "kind");
        Problem.AssertNamesField(missing, "to");
    }

    [Fact]
    public async Task OpenApi_lists_every_analysis()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "/openapi/v1.json");

        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var analysis in new[] { "pagerank", "degree", "betweenness", "communities", "path", "khop", "patterns" })
        {
            Assert.True(paths.TryGetProperty($"/graph/analytics/{analysis}", out var path), $"The OpenAPI document lacks /graph/analytics/{analysis}.");
            var parameters = path.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Contains("explain", parameters);
            Assert.Contains("withoutEdge", parameters);
        }
    }
}
