using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in for a Prometheus server on 127.0.0.1: <c>GET /api/v1/query</c> responds in the documented
/// instant-vector shape with the values a test sets, and records every query it received.
/// </summary>
internal sealed class FakePrometheus : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakePrometheus(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>The graph query p95 in milliseconds. Null returns an empty vector, as Prometheus does without samples.</summary>
    public double? GraphQueryP95Milliseconds { get; set; }

    public double PolicyDeniedPercent { get; set; }

    public double BudgetDenials { get; set; }

    /// <summary>The alert names that <c>ALERTS{alertstate="firing"}</c> returns.</summary>
    public IReadOnlyList<string> FiringAlerts { get; set; } = [];

    public static async Task<FakePrometheus> StartAsync(CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["urls"] = baseAddress.GetLeftPart(UriPartial.Authority);
        builder.Logging.ClearProviders();

        var app = builder.Build();
        var fake = new FakePrometheus(app, baseAddress);
        app.MapGet("/api/v1/query", (string query) => Results.Json(fake.Answer(query)));
        await app.StartAsync(cancellationToken);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private object Answer(string query)
    {
        Queries.Enqueue(query);
        List<object> result = query switch
        {
            "vector(1)" => [Sample(new Dictionary<string, string>(), 1)],
            _ when query.StartsWith("histogram_quantile", StringComparison.Ordinal) =>
                GraphQueryP95Milliseconds is { } p95 ? [Sample(new Dictionary<string, string>(), p95)] : [],
            _ when query.Contains("intelgraph_policy_decisions_total", StringComparison.Ordinal) => [Sample(new Dictionary<string, string>(), PolicyDeniedPercent)],
            _ when query.Contains("intelgraph_budget_denials_total", StringComparison.Ordinal) =>
                [Sample(new Dictionary<string, string> { ["tenant"] = "pilot" }, BudgetDenials)],
            _ when query.Contains("intelgraph_wallet_revocations_total", StringComparison.Ordinal) => [Sample(new Dictionary<string, string>(), 0)],
            _ when query.StartsWith("ALERTS", StringComparison.Ordinal) =>
                [.. FiringAlerts.Select(alert => Sample(new Dictionary<string, string> { ["__name__"] = "ALERTS", ["alertname"] = alert, ["alertstate"] = "firing" }, 1))],
            _ => throw new InvalidOperationException($"The fake Prometheus has no answer for '{query}'."),
        };

        return new { status = "success", data = new { resultType = "vector", result } };
    }

    // Prometheus sends the sample time as seconds and the value as text.
    private static object Sample(Dictionary<string, string> labels, double value) =>
        new { metric = labels, value = new object[] { DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, value.ToString("R", CultureInfo.InvariantCulture) } };
}
