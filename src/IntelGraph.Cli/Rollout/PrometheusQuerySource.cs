using System.Globalization;
using System.Text.Json;
using IntelGraph.Flags.Rollout;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// Reads the watched values from a Prometheus server's instant query API (<c>GET /api/v1/query</c>),
/// with the same expressions as the alert rules in ops/prometheus/alerts.yml, and lists the monitored
/// alerts that Prometheus reports as firing in its <c>ALERTS</c> series.
/// </summary>
internal sealed class PrometheusQuerySource(HttpClient http, Uri prometheus, RolloutThresholds thresholds, TimeProvider timeProvider) : IRolloutMetricsSource
{
    private readonly Uri _query = new(prometheus, "api/v1/query");

    public string Description => _query.ToString();

    // Prometheus keeps the history, so there is no baseline to take. One query checks that the server responds.
    public Task StartAsync(CancellationToken cancellationToken) => QueryAsync("vector(1)", cancellationToken);

    public async Task<MetricsReading> ReadAsync(TimeSpan window, IReadOnlyList<string> monitoredAlerts, CancellationToken cancellationToken)
    {
        var range = RolloutDuration.Format(window);

        double? p95 = null;
        if (thresholds.GraphQueryP95Milliseconds is not null)
        {
            p95 = Single(await QueryAsync(
                $"histogram_quantile(0.95, sum by (le) (rate({ServerMetricsSnapshot.GraphQueryBucketMetric}[{range}]))) * 1000", cancellationToken)).Value;
        }

        double? denied = null;
        if (thresholds.PolicyDeniedPercent is not null)
        {
            denied = Single(await QueryAsync(
                $"100 * sum(rate({ServerMetricsSnapshot.PolicyDecisionsMetric}{{decision=\"denied\"}}[{range}])) / sum(rate({ServerMetricsSnapshot.PolicyDecisionsMetric}[{range}]))",
                cancellationToken)).Value;
        }

        (double? Value, string? Tenant) budget = (null, null);
        if (thresholds.BudgetDenialsPerHour is not null)
        {
            budget = Single(await QueryAsync($"topk(1, sum by (tenant) (increase({ServerMetricsSnapshot.BudgetDenialsMetric}[1h])))", cancellationToken), "tenant");
        }

        double? revocations = null;
        if (thresholds.WalletRevocationsPerHour is not null)
        {
            revocations = Single(await QueryAsync($"sum(increase({ServerMetricsSnapshot.WalletRevocationsMetric}[1h]))", cancellationToken)).Value;
        }

        List<string> firing = [];
        if (monitoredAlerts.Count > 0)
        {
            var alerts = await QueryAsync("ALERTS{alertstate=\"firing\"}", cancellationToken);
            firing = alerts
                .Select(sample => sample.Labels.GetValueOrDefault("alertname"))
                .OfType<string>()
                .Where(name => monitoredAlerts.Contains(name, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        return new MetricsReading(timeProvider.GetUtcNow(), p95, denied, budget.Value, budget.Tenant, revocations, firing);
    }

    /// <summary>Returns the value of the first sample, and one of its labels. An empty result or NaN, such as 0 / 0, means no data.</summary>
    private static (double? Value, string? Label) Single(List<QuerySample> samples, string? label = null)
    {
        if (samples.Count == 0 || double.IsNaN(samples[0].Value))
        {
            return (null, null);
        }

        return (samples[0].Value, label is null ? null : samples[0].Labels.GetValueOrDefault(label));
    }

    /// <summary>Runs one instant query and returns its vector, in the response shape the Prometheus HTTP API documents.</summary>
    private async Task<List<QuerySample>> QueryAsync(string expression, CancellationToken cancellationToken)
    {
        var address = new Uri($"{_query}?query={Uri.EscapeDataString(expression)}");
        string body;
        try
        {
            using var response = await http.GetAsync(address, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MetricsUnavailableException($"The Prometheus server {prometheus} is unreachable: {ex.Message}.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricsUnavailableException($"The Prometheus query '{expression}' timed out.", ex);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var message) ? message.GetString() : body;
                throw new MetricsUnavailableException($"Prometheus rejected the query '{expression}': {error}");
            }

            var data = root.GetProperty("data");
            var type = data.GetProperty("resultType").GetString();
            if (type != "vector")
            {
                throw new MetricsUnavailableException($"Prometheus returned a {type} for '{expression}', but a rollout expects a vector.");
            }

            return data.GetProperty("result").EnumerateArray().Select(ReadSample).ToList();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new MetricsUnavailableException(
                $"The response of {prometheus} to '{expression}' is not a Prometheus query response: {(body.Length <= 200 ? body : body[..200] + "…")}", ex);
        }
    }

    /// <summary>Reads <c>{"metric": {labels}, "value": [time, "text"]}</c>. Prometheus sends sample values as text.</summary>
    private static QuerySample ReadSample(JsonElement element)
    {
        var labels = element.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
        var text = element.GetProperty("value")[1].GetString() ?? throw new FormatException("a sample without a value");
        var value = text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new QuerySample(labels, value);
    }

    private sealed record QuerySample(IReadOnlyDictionary<string, string> Labels, double Value);
}
