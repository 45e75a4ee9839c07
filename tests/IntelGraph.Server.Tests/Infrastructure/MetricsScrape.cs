using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>One Prometheus text exposition read from a server's <c>GET /metrics</c>.</summary>
internal sealed partial class MetricsScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>Scrapes the server with an admin token and fails the test unless the status is 200.</summary>
    public static async Task<MetricsScrape> ReadAsync(ServerHost server, string tenant = "alpha")
    {
        var token = await server.TokenAsync(DevClients.Client(tenant, "admin"));
        using var response = await server.SendAsync(HttpMethod.Get, "/metrics", token);
        var text = await response.TextAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        return new MetricsScrape(text);
    }

    /// <summary>Returns the names of every sample in the exposition, such as <c>intelgraph_budget_denials_total</c>.</summary>
    public IReadOnlySet<string> SampleNames() =>
        Text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SampleName().Match(line).Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Returns the value of the one sample whose name matches and whose labels include every given pair, or 0 when there is none.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = Text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains($"{label.Label}=\"{label.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count <= 1, $"{matches.Count} samples of {name} match the labels: {string.Join(" | ", matches)}");
        return matches.Count == 0 ? 0 : double.Parse(matches[0][(matches[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
