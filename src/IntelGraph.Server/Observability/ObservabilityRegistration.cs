using IntelGraph.Core;
using IntelGraph.Server.Configuration;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntelGraph.Server.Observability;

/// <summary>Registers JSON console logs, the server's metrics with their Prometheus exporter, and request tracing.</summary>
public static class ObservabilityRegistration
{
    public const string ServiceName = "intelgraph-server";

    /// <summary>The span attribute that names the request's tenant.</summary>
    public const string TenantAttribute = "tenant";

    /// <exception cref="InvalidInputException">The OTLP endpoint setting is not an absolute URL.</exception>
    public static WebApplicationBuilder AddIntelGraphObservability(this WebApplicationBuilder builder)
    {
        ConfigureJsonLogs(builder);

        var telemetry = builder.Configuration.GetSection($"{ServerOptions.SectionName}:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlpEndpoint = ResolveOtlpEndpoint(telemetry, builder.Configuration[TelemetryOptions.StandardEndpointVariable]);

        var services = builder.Services;
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(new TraceExportTarget(otlpEndpoint?.AbsoluteUri));
        services.AddHostedService<TelemetryStartup>();

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(ServerMetrics.MeterName)
                // .NET's built-in runtime meter: process CPU time, which the perf gate turns into cost per insight.
                .AddMeter("System.Runtime")
                // Every scrape collects afresh; scrapes are rare and admin-only, so the exporter's response cache saves nothing.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.EnrichWithHttpResponse = (activity, response) =>
                        activity.SetTag(TenantAttribute, TenantLabel.Of(response.HttpContext.User)));
                if (otlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter(otlp => otlp.Endpoint = otlpEndpoint);
                }
            });

        return builder;
    }

    /// <summary>Adds the request duration middleware; call it first, so it wraps the whole pipeline.</summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) => app.UseMiddleware<RequestMetricsMiddleware>();

    /// <summary>Adds the tenant log scope; call it after authorization, which sets the request's user on protected endpoints.</summary>
    public static IApplicationBuilder UseTenantLogScope(this IApplicationBuilder app) => app.UseMiddleware<TenantLogScopeMiddleware>();

    /// <summary>
    /// Makes the console logger write one JSON object per line with scopes, which carry the trace id and
    /// the tenant. An explicit <c>Logging:Console:FormatterName</c> setting, such as <c>simple</c>, wins.
    /// </summary>
    private static void ConfigureJsonLogs(WebApplicationBuilder builder)
    {
        builder.Logging.Configure(factory => factory.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = ConsoleFormatterNames.Json);
        }

        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }

    /// <summary>
    /// Returns the configured OTLP endpoint, else the standard environment variable's, else null (export off).
    /// The exporter would read the variable itself, but resolving it here lets the start log name the endpoint.
    /// </summary>
    private static Uri? ResolveOtlpEndpoint(TelemetryOptions telemetry, string? standardEndpoint)
    {
        var (setting, value) = !string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)
            ? ("IntelGraph:Telemetry:OtlpEndpoint", telemetry.OtlpEndpoint)
            : (TelemetryOptions.StandardEndpointVariable, standardEndpoint);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidInputException($"{setting} is '{value}', which is not an absolute http or https URL. Set it to the collector's OTLP address, such as http://127.0.0.1:4317, or leave it empty to turn trace export off.");
        }

        return endpoint;
    }
}
