using IntelGraph.Release.Metrics;

namespace IntelGraph.Release.Tests;

public sealed class MetricsTests
{
    private const string Exposition = """
        # TYPE intelgraph_http_request_duration_seconds histogram
        intelgraph_http_request_duration_seconds_bucket{method="GET",route="/graph/entities",status="200",le="0.005"} 50
        intelgraph_http_request_duration_seconds_bucket{method="GET",route="/graph/entities",status="200",le="0.01"} 90
        intelgraph_http_request_duration_seconds_bucket{method="GET",route="/graph/entities",status="200",le="+Inf"} 100
        intelgraph_http_request_duration_seconds_bucket{method="GET",route="/cases",status="200",le="0.005"} 0
        intelgraph_http_request_duration_seconds_bucket{method="GET",route="/cases",status="200",le="0.01"} 0
        intelgraph_http_request_duration_seconds_bucket{method="GET",route="/cases",status="200",le="+Inf"} 1000
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="user"} 1.5
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="system"} 0.25 1700000000000
        odd_metric{label="a \"quoted\" value"} NaN
        """;

    [Fact]
    public void Exposition_samples_are_parsed()
    {
        var samples = PrometheusText.Parse(Exposition);

        Assert.Equal(9, samples.Count);
        Assert.Equal(0.25, samples.Single(sample => sample.Labels.GetValueOrDefault("cpu_mode") == "system").Value);
        Assert.Equal("a \"quoted\" value", samples[^1].Labels["label"]);
        Assert.Equal("+Inf", samples[2].Labels["le"]);
        Assert.True(double.IsNaN(samples[^1].Value));
    }

    [Fact]
    public void Graph_histogram_skips_other_routes()
    {
        var histogram = Histogram.From(PrometheusText.Parse(Exposition), PerfMetricNames.RequestDuration, PerfMetricNames.IsGraphRoute);

        Assert.Equal(100, histogram.Count);
    }

    [Fact]
    public void Quantile_interpolates_inside_the_bucket()
    {
        var histogram = Histogram.From(PrometheusText.Parse(Exposition), PerfMetricNames.RequestDuration, PerfMetricNames.IsGraphRoute);

        // Rank 50 is the last observation of the first bucket; rank 70 is halfway through the second.
        Assert.Equal(0.005, histogram.Quantile(0.5)!.Value, 9);
        Assert.Equal(0.0075, histogram.Quantile(0.7)!.Value, 9);
    }

    [Fact]
    public void Last_bucket_quantile_is_lower_bound()
    {
        var histogram = Histogram.From(PrometheusText.Parse(Exposition), PerfMetricNames.RequestDuration, PerfMetricNames.IsGraphRoute);

        Assert.Equal(0.01, histogram.Quantile(0.95)!.Value, 9);
    }

    [Fact]
    public void Window_subtracts_the_earlier_scrape()
    {
        var after = new Histogram(new Dictionary<double, double> { [0.005] = 60, [0.01] = 100, [double.PositiveInfinity] = 110 });
        var before = new Histogram(new Dictionary<double, double> { [0.005] = 50, [0.01] = 50, [double.PositiveInfinity] = 50 });

        var window = after.Since(before);

        Assert.Equal(60, window.Count);
        Assert.Equal(10, window.CumulativeCounts[0.005]);
        Assert.Equal(0.0075, window.Quantile(0.5)!.Value, 9);
    }

    [Fact]
    public void Empty_histogram_has_no_quantile() => Assert.Null(new Histogram(new Dictionary<double, double>()).Quantile(0.95));
}
