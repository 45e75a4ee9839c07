using System.Globalization;
using System.Text.Json;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Metrics;
using IntelGraph.Release.Target;

namespace IntelGraph.Release.Gates;

/// <summary>
/// The perf gate: a bounded synthetic load of graph reads, then the p95 latency of the graph routes and
/// the cost per insight from the target's own metrics (docs/cost-per-insight.md defines it), each
/// against its threshold.
/// </summary>
public static class PerfGate
{
    public const string Name = "perf";

    /// <summary>The wait for Prometheus's next scrape when none is given: longer than a common 15 s scrape interval.</summary>
    private static readonly TimeSpan DefaultScrapeWait = TimeSpan.FromSeconds(20);

    public static async Task<GateEvidence> RunAsync(GateContext context, PerfOptions options, HttpClient? prometheus, string? commit, CancellationToken cancellationToken)
    {
        var target = context.RequireTarget();
        var recorder = new EvidenceRecorder(Name, target.BaseAddress.ToString(), context.TimeProvider, context.Progress);
        recorder.Input("requests", Format(options.Requests));
        recorder.Input("concurrency", Format(options.Concurrency));
        recorder.Input("label", options.Label);
        recorder.Input("maxP95Ms", Format(options.MaxP95Milliseconds));
        recorder.Input("maxCostPerInsight", Format(options.MaxCostPerInsight));
        recorder.Input("pricePerCpuSecond", Format(options.PricePerCpuSecond));
        recorder.Input("metricsSource", options.PrometheusUrl?.ToString() ?? "target /metrics");

        var callers = await CallerSet.SignInAsync(context, cancellationToken).ConfigureAwait(false);
        var reader = context.Policy.FindAllowedCaller(callers.Callers, "GET", "/graph/entities");
        var scraper = callers.Callers.FirstOrDefault(caller => caller.HasAnyRole(context.Policy.Find("GET", "/metrics")?.Roles ?? []));
        var offered = await target.ReadOfferedOperationsAsync(cancellationToken).ConfigureAwait(false);

        LoadResult? load = null;
        WindowMeasurement? measurement = null;
        await recorder.RunAsync("load", "Bounded synthetic load of graph reads", required: true, async () =>
        {
            if (reader is null || (scraper is null && prometheus is null))
            {
                return CheckOutcome.Fail(
                    $"The load needs a client that may read the graph and, without --prometheus, one that may read /metrics (admin); signed in: {callers.Describe()}. {string.Join(" ", callers.Failures)}");
            }

            var entityIds = await FindEntitiesAsync(target, reader, options.Label, cancellationToken).ConfigureAwait(false);
            if (entityIds.Count == 0)
            {
                return CheckOutcome.Fail($"No entity of tenant {reader.Tenant} has '{options.Label}' in its label, so the load would read nothing; pick another --label.");
            }

            var before = prometheus is null ? await ScrapeAsync(target, scraper!, cancellationToken).ConfigureAwait(false) : null;
            if (prometheus is not null)
            {
                await WarmUpAsync(target, reader, entityIds[0], options, cancellationToken).ConfigureAwait(false);
            }

            var started = context.TimeProvider.GetUtcNow();
            load = await SyntheticLoad.RunAsync(target, reader, entityIds, options, offered.Contains("POST /graph/query"), cancellationToken).ConfigureAwait(false);
            measurement = prometheus is null
                ? Window(before!, await ScrapeAsync(target, scraper!, cancellationToken).ConfigureAwait(false), target)
                : await ReadPrometheusAsync(prometheus, options, context.TimeProvider.GetUtcNow() - started, cancellationToken).ConfigureAwait(false);

            var data = new Dictionary<string, string>
            {
                ["sent"] = Format(load.Sent),
                ["answered"] = Format(load.Answered),
                ["insights"] = Format(load.Insights),
                ["failed"] = Format(load.Failed),
                ["elapsedSeconds"] = Format(load.Elapsed.TotalSeconds),
                ["byKind"] = string.Join(", ", load.ByKind.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}")),
                ["entities"] = Format(entityIds.Count),
            };
            return CheckOutcome.PassWhen(
                load.Failed == 0,
                $"{load.Sent} graph reads in {load.Elapsed.TotalSeconds:0.0} s with {options.Concurrency} in flight; {load.Insights} returned data.",
                $"{load.Failed} of {load.Sent} graph reads failed; the first: {load.FirstFailure}",
                data);
        }).ConfigureAwait(false);

        await recorder.RunAsync("p95-latency", $"Graph read p95 latency at most {Format(options.MaxP95Milliseconds)} ms", required: true, () =>
            Task.FromResult(CheckLatency(measurement, options)))
            .ConfigureAwait(false);

        await recorder.RunAsync("cost-per-insight", $"Cost per insight at most {Format(options.MaxCostPerInsight)}", required: true, () =>
            Task.FromResult(CheckCost(measurement, load, options)))
            .ConfigureAwait(false);

        return recorder.Finish(commit);
    }

    internal static CheckOutcome CheckLatency(WindowMeasurement? measurement, PerfOptions options)
    {
        var p95 = measurement?.GraphLatency.Quantile(0.95);
        if (measurement is null || p95 is null)
        {
            return CheckOutcome.Fail("The target's metrics recorded no graph request in the load window, so there is no p95 to compare.");
        }

        var milliseconds = p95.Value * 1000;
        var data = new Dictionary<string, string>
        {
            ["p95Ms"] = Format(Math.Round(milliseconds, 3)),
            ["observations"] = Format(measurement.GraphLatency.Count),
            ["source"] = measurement.Source,
        };
        return CheckOutcome.PassWhen(
            milliseconds <= options.MaxP95Milliseconds,
            $"p95 {milliseconds:0.###} ms over {measurement.GraphLatency.Count:0} graph requests, from {measurement.Source} (bucket interpolation).",
            $"p95 {milliseconds:0.###} ms is above the threshold of {Format(options.MaxP95Milliseconds)} ms.",
            data);
    }

    internal static CheckOutcome CheckCost(WindowMeasurement? measurement, LoadResult? load, PerfOptions options)
    {
        if (measurement?.CpuSeconds is not { } cpuSeconds)
        {
            return CheckOutcome.Fail($"The target's metrics have no {PerfMetricNames.ProcessCpuTime}, so the CPU cost of the load is unknown.");
        }

        if (load is null || load.Insights == 0)
        {
            return CheckOutcome.Fail("No graph read returned data, so no insight was produced and the cost per insight is unbounded.");
        }

        var cost = cpuSeconds * options.PricePerCpuSecond / load.Insights;
        var data = new Dictionary<string, string>
        {
            ["cpuSeconds"] = Format(Math.Round(cpuSeconds, 6)),
            ["insights"] = Format(load.Insights),
            ["pricePerCpuSecond"] = Format(options.PricePerCpuSecond),
            ["costPerInsight"] = cost.ToString("0.############", CultureInfo.InvariantCulture),
        };
        return CheckOutcome.PassWhen(
            cost <= options.MaxCostPerInsight,
            $"{cpuSeconds:0.###} CPU-seconds × {Format(options.PricePerCpuSecond)} per CPU-second ÷ {load.Insights} insights = {cost:0.##########} per insight.",
            $"Cost per insight {cost:0.##########} is above the threshold of {Format(options.MaxCostPerInsight)}.",
            data);
    }

    private static async Task<IReadOnlyList<string>> FindEntitiesAsync(TargetClient target, TargetCaller reader, string label, CancellationToken cancellationToken)
    {
        var response = await target.SendAsync(HttpMethod.Get, $"/graph/entities?label={Uri.EscapeDataString(label)}&limit=100", reader.Token, null, cancellationToken)
            .ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw new HttpRequestException($"GET /graph/entities returned {response.Status}: {response.Excerpt()}");
        }

        using var document = JsonDocument.Parse(response.Body);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }

    private static async Task<IReadOnlyList<MetricSample>> ScrapeAsync(TargetClient target, TargetCaller scraper, CancellationToken cancellationToken)
    {
        var response = await target.SendAsync(HttpMethod.Get, "/metrics", scraper.Token, null, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw new HttpRequestException($"GET /metrics as {scraper.ClientId} returned {response.Status}: {response.Excerpt()}");
        }

        return PrometheusText.Parse(response.Body);
    }

    private static WindowMeasurement Window(IReadOnlyList<MetricSample> before, IReadOnlyList<MetricSample> after, TargetClient target)
    {
        var latency = Histogram.From(after, PerfMetricNames.RequestDuration, PerfMetricNames.IsGraphRoute)
            .Since(Histogram.From(before, PerfMetricNames.RequestDuration, PerfMetricNames.IsGraphRoute));
        var cpuBefore = before.Where(sample => sample.Name == PerfMetricNames.ProcessCpuTime).ToList();
        var cpuAfter = after.Where(sample => sample.Name == PerfMetricNames.ProcessCpuTime).ToList();
        double? cpu = cpuAfter.Count == 0 ? null : cpuAfter.Sum(sample => sample.Value) - cpuBefore.Sum(sample => sample.Value);
        return new WindowMeasurement(latency, cpu, $"{target.BaseAddress}metrics before and after the load");
    }

    /// <summary>
    /// Sends one read of each kind and waits for Prometheus to scrape the result. increase() takes a
    /// series' first sample as its baseline, so a series that first appeared during the load would
    /// count none of the load's requests.
    /// </summary>
    private static async Task WarmUpAsync(TargetClient target, TargetCaller reader, string entityId, PerfOptions options, CancellationToken cancellationToken)
    {
        var id = Uri.EscapeDataString(entityId);
        foreach (var path in new[] { $"/graph/entities?label={Uri.EscapeDataString(options.Label)}&limit=1", $"/graph/entities/{id}", $"/graph/entities/{id}/neighbours" })
        {
            await target.SendAsync(HttpMethod.Get, path, reader.Token, null, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(options.PrometheusScrapeWait ?? DefaultScrapeWait, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<WindowMeasurement> ReadPrometheusAsync(HttpClient prometheus, PerfOptions options, TimeSpan loadDuration, CancellationToken cancellationToken)
    {
        var wait = options.PrometheusScrapeWait ?? DefaultScrapeWait;
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);

        // NOTE: increase() over a window extrapolates to the window's edges and includes any other traffic in it, so these values are estimates.
        return await new PrometheusQueryClient(prometheus).ReadWindowAsync(loadDuration + wait, cancellationToken).ConfigureAwait(false);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
