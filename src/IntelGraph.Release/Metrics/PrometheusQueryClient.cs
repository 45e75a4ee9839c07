using System.Globalization;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Release.Metrics;

/// <summary>Reads the perf gate's measurements from a Prometheus server's HTTP API (<c>/api/v1/query</c>).</summary>
public sealed class PrometheusQueryClient(HttpClient http)
{
    /// <summary>Queries the increase of the graph latency buckets and of the CPU counter over the window that ends now.</summary>
    public async Task<WindowMeasurement> ReadWindowAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var range = $"{Math.Max(1, (int)Math.Ceiling(window.TotalSeconds))}s";
        var buckets = await QueryAsync(
            $"sum by (le) (increase({PerfMetricNames.RequestDuration}_bucket{{route=~\"{PerfMetricNames.GraphRoutePrefix}.*\"}}[{range}]))",
            cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<double, double>();
        foreach (var (labels, value) in buckets)
        {
            if (labels.TryGetValue("le", out var le))
            {
                counts[le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture)] = value;
            }
        }

        var cpu = await QueryAsync($"sum(increase({PerfMetricNames.ProcessCpuTime}[{range}]))", cancellationToken).ConfigureAwait(false);
        return new WindowMeasurement(new Histogram(counts), cpu.Count == 0 ? null : cpu[0].Value, $"Prometheus {http.BaseAddress} over the last {range}");
    }

    private async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(query), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Prometheus returned {(int)response.StatusCode} to {query}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector")
        {
            throw new InvalidInputException($"Prometheus returned a {data.GetProperty("resultType").GetString()} to {query}; expected a vector.");
        }

        var results = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var item in data.GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(member => member.Name, member => member.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            var text = item.GetProperty("value")[1].GetString() ?? "NaN";
            results.Add((labels, double.Parse(text, CultureInfo.InvariantCulture)));
        }

        return results;
    }
}
