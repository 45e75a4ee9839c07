using System.Net;

namespace IntelGraph.Cli.Rollout;

/// <summary>
/// Reads the watched values by scraping the target server's <c>GET /metrics</c> with an admin token.
/// The server keeps only running totals, so this source keeps the scrapes of the step and computes
/// each value from the difference between the newest scrape and the one a window earlier.
/// </summary>
internal sealed class ServerScrapeSource(HttpClient http, Uri target, ClientCredentialsToken token, TimeProvider timeProvider) : IRolloutMetricsSource
{
    private static readonly TimeSpan _hour = TimeSpan.FromHours(1);

    private readonly List<ServerMetricsSnapshot> _history = [];
    private readonly Uri _metrics = new(target, "metrics");

    public string Description => _metrics.ToString();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _history.Clear();
        _history.Add(await ScrapeAsync(cancellationToken));
    }

    public async Task<MetricsReading> ReadAsync(TimeSpan window, IReadOnlyList<string> monitoredAlerts, CancellationToken cancellationToken)
    {
        var current = await ScrapeAsync(cancellationToken);
        _history.Add(current);
        Prune(current.At - (window > _hour ? window : _hour));

        var windowStart = Earlier(current.At - window);
        var hourStart = Earlier(current.At - _hour);

        var buckets = current.GraphQueryBuckets.ToDictionary(
            bucket => bucket.Key,
            bucket => ServerMetricsSnapshot.Increase(bucket.Value, windowStart.GraphQueryBuckets.GetValueOrDefault(bucket.Key)));
        var p95Seconds = new IntelGraph.Release.Metrics.Histogram(buckets).Quantile(0.95);

        var denied = ServerMetricsSnapshot.Increase(current.PolicyDenied, windowStart.PolicyDenied);
        var decisions = ServerMetricsSnapshot.Increase(current.PolicyDecisions, windowStart.PolicyDecisions);

        var (tenant, budgetDenials) = current.BudgetDenials
            .Select(pair => (pair.Key, ServerMetricsSnapshot.Increase(pair.Value, hourStart.BudgetDenials.GetValueOrDefault(pair.Key))))
            .OrderByDescending(pair => pair.Item2)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .FirstOrDefault();

        return new MetricsReading(
            current.At,
            p95Seconds * 1000,
            decisions > 0 ? 100 * denied / decisions : null,
            tenant is null ? 0 : budgetDenials,
            tenant,
            ServerMetricsSnapshot.Increase(current.WalletRevocations, hourStart.WalletRevocations),
            []);
    }

    /// <summary>Returns the newest scrape taken at or before <paramref name="at"/>, else the oldest scrape of the step.</summary>
    private ServerMetricsSnapshot Earlier(DateTimeOffset at) =>
        _history.LastOrDefault(snapshot => snapshot.At <= at) ?? _history[0];

    /// <summary>Drops scrapes older than <paramref name="oldestNeeded"/>, keeping the newest of them as the start of the longest window.</summary>
    private void Prune(DateTimeOffset oldestNeeded)
    {
        var older = _history.FindLastIndex(snapshot => snapshot.At <= oldestNeeded);
        if (older > 0)
        {
            _history.RemoveRange(0, older);
        }
    }

    private async Task<ServerMetricsSnapshot> ScrapeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _metrics);
            request.Headers.Authorization = await token.HeaderAsync(cancellationToken);

            string body;
            HttpStatusCode status;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                status = response.StatusCode;
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new MetricsUnavailableException($"{_metrics} is unreachable: {ex.Message}.", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MetricsUnavailableException($"GET {_metrics} timed out.", ex);
            }

            // A restarted development issuer signs with new keys, so one 401 gets a fresh token and one retry.
            if (status == HttpStatusCode.Unauthorized && attempt == 1)
            {
                token.Reset();
                continue;
            }

            if (status != HttpStatusCode.OK)
            {
                throw new MetricsUnavailableException(
                    $"GET {_metrics} returned {(int)status}; the token's client needs the admin role. Response: {(body.Length <= 200 ? body : body[..200] + "…")}");
            }

            try
            {
                return ServerMetricsSnapshot.From(MetricsExposition.Parse(body), timeProvider.GetUtcNow());
            }
            catch (FormatException ex)
            {
                throw new MetricsUnavailableException($"GET {_metrics} returned text that is not a Prometheus exposition: {ex.Message}", ex);
            }
        }
    }
}
