using System.Diagnostics.Metrics;
using IntelGraph.Core;

namespace IntelGraph.Server.Observability;

/// <summary>
/// The server's metric instruments. The Prometheus exporter turns each name into Prometheus style: dots
/// become underscores, the unit <c>s</c> appends <c>_seconds</c> and counters get <c>_total</c>, so
/// <c>intelgraph.http.request.duration</c> is scraped as <c>intelgraph_http_request_duration_seconds</c>.
/// ops/prometheus/alerts.yml refers to the scraped names.
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "IntelGraph.Server";

    /// <summary>Histogram bucket bounds in seconds; 1.5 s is a bound so the graph latency alert's threshold falls on a bucket edge.</summary>
    private static readonly double[] _durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10];

    // One process-wide meter and set of instruments, not one per host from IMeterFactory. OpenTelemetry
    // subscribes to meters by name across the whole process, so with a meter per host the tests' several
    // hosts fed each other's series, and series went missing from one host's scrape while other hosts
    // stopped. Program.cs and `intelgraph serve` build one server per process, so there the series are its own.
    private static readonly Meter _meter = new(MeterName);
    private static readonly InstrumentAdvice<double> _durationAdvice = new() { HistogramBucketBoundaries = _durationBuckets };

    private static readonly Histogram<double> _requestDuration = _meter.CreateHistogram(
        "intelgraph.http.request.duration", "s", "Time from the start of an HTTP request to the end of its response, by method, route template and status code.", advice: _durationAdvice);

    private static readonly Histogram<double> _graphQueryDuration = _meter.CreateHistogram(
        "intelgraph.graph.query.duration", "s", "Time the graph endpoints' handlers spend on one query, by route template.", advice: _durationAdvice);

    private static readonly Counter<long> _budgetDenials = _meter.CreateCounter<long>(
        "intelgraph.budget.denials", description: "Budget checks that denied a query, by tenant.");

    private static readonly Counter<long> _queryStops = _meter.CreateCounter<long>(
        "intelgraph.graph.query.stops", description: "Graph queries stopped while running for reading or running past their budget, by tenant.");

    private static readonly Counter<long> _policyDecisions = _meter.CreateCounter<long>(
        "intelgraph.policy.decisions", description: "Authorization decisions on endpoints that need a token, by decision: allowed or denied (403).");

    // Wallets do not exist yet, so nothing increments this and it is always exported as 0. The
    // observable form makes the series exist from the first scrape, which a counter that was never
    // incremented would not, so the revocation alert has a baseline.
    private static long _walletRevocations;

    private static readonly ObservableCounter<long> _walletRevocationsCounter = _meter.CreateObservableCounter(
        "intelgraph.wallet.revocations", () => Interlocked.Read(ref _walletRevocations), description: "Wallet revocations; always 0 until wallets exist.");

    /// <summary>
    /// Creates the instruments if no earlier instance has. The host builds its single instance with the
    /// middleware pipeline, so the wallet revocation, budget denial and query stop series exist before the first scrape.
    /// </summary>
    public ServerMetrics()
    {
        GC.KeepAlive(_walletRevocationsCounter);

        // A counter is exported only once something is added to it, so a zero without a tenant makes the
        // denial and stop series exist from the first scrape, for the dashboard and the alert rules.
        _budgetDenials.Add(0);
        _queryStops.Add(0);
    }

    /// <param name="route">The route template, such as <c>/cases/{caseId}</c>, never the raw path, so ids do not become label values.</param>
    public void RecordRequest(string method, string route, int statusCode, TimeSpan duration) =>
        _requestDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("status", statusCode));

    public void RecordGraphQuery(string route, TimeSpan duration) =>
        _graphQueryDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("route", route));

    public void RecordBudgetDenial(TenantId tenant) =>
        _budgetDenials.Add(1, new KeyValuePair<string, object?>("tenant", tenant.Value));

    public void RecordQueryStop(TenantId tenant) =>
        _queryStops.Add(1, new KeyValuePair<string, object?>("tenant", tenant.Value));

    public void RecordPolicyDecision(bool allowed) =>
        _policyDecisions.Add(1, new KeyValuePair<string, object?>("decision", allowed ? "allowed" : "denied"));

    /// <summary>Counts one wallet revocation; the wallet feature will call this when it exists.</summary>
    public void RecordWalletRevocation() => Interlocked.Increment(ref _walletRevocations);

}
