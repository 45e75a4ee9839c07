using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntelGraph.Core;
using OpenTelemetry.Trace;

namespace IntelGraph.Server.Tests;

/// <summary>
/// Request spans through OpenTelemetry's in-memory exporter. Every server in this process emits spans
/// through the same ASP.NET Core activity source, so each test finds its own request by a trace id it sends.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Tenant_request_span_has_token_tenant()
    {
        var spans = new LockedList<Activity>();
        await using var server = await StartWithExporterAsync(spans);
        var token = await server.TokenAsync(DevClients.Client("alpha", "analyst"));

        var traceId = ActivityTraceId.CreateRandom();
        using var response = await SendTracedAsync(server, $"/graph/entities/{Ids.New("span")}", traceId, token);
        var span = await WaitForSpanAsync(spans, traceId, "/graph/entities/{entityId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("alpha", span.GetTagItem("tenant"));
    }

    [Fact]
    public async Task Public_request_span_is_anonymous()
    {
        var spans = new LockedList<Activity>();
        await using var server = await StartWithExporterAsync(spans);

        var traceId = ActivityTraceId.CreateRandom();
        using var response = await SendTracedAsync(server, "/healthz", traceId, token: null);
        var span = await WaitForSpanAsync(spans, traceId, "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anonymous", span.GetTagItem("tenant"));
    }

    [Fact]
    public async Task Rejected_token_span_is_anonymous()
    {
        var spans = new LockedList<Activity>();
        await using var server = await StartWithExporterAsync(spans);
        var token = await server.TokenAsync(DevClients.Client("alpha", "analyst"));

        var traceId = ActivityTraceId.CreateRandom();
        using var response = await SendTracedAsync(server, "/cases", traceId, token[..^4] + "AAAA");
        var span = await WaitForSpanAsync(spans, traceId, "/cases/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("anonymous", span.GetTagItem("tenant"));
    }

    [Fact]
    public async Task Token_without_tenant_span_is_none()
    {
        var spans = new LockedList<Activity>();
        await using var server = await StartWithExporterAsync(spans);
        var token = await server.TokenAsync(DevClients.NoTenantAdmin);

        var traceId = ActivityTraceId.CreateRandom();
        using var response = await SendTracedAsync(server, "/admin/freeze", traceId, token);
        var span = await WaitForSpanAsync(spans, traceId, "/admin/freeze/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", span.GetTagItem("tenant"));
    }

    [Fact]
    public async Task Invalid_otlp_endpoint_stops_start()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ServerHost.StartAsync(settings => settings["IntelGraph:Telemetry:OtlpEndpoint"] = "collector:4317", TestContext.Current.CancellationToken));

        Assert.Contains("IntelGraph:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_endpoint_is_logged_at_start()
    {
        // A listener the test owns takes the place of the collector. The test sends no request, so no span is exported to it.
        using var collector = new TcpListener(IPAddress.Loopback, 0);
        collector.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)collector.LocalEndpoint).Port}/";

        await using var server = await ServerHost.StartAsync(settings => settings["IntelGraph:Telemetry:OtlpEndpoint"] = endpoint, TestContext.Current.CancellationToken);

        Assert.Contains(server.Logs.Lines, line => line.Contains("[2100]", StringComparison.Ordinal) && line.Contains(endpoint, StringComparison.Ordinal));
    }

    private static Task<ServerHost> StartWithExporterAsync(LockedList<Activity> spans) =>
        ServerHost.StartAsync(
            configure: null,
            TestContext.Current.CancellationToken,
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

    /// <summary>Sends a GET whose W3C traceparent header makes the server's span a child in the given trace.</summary>
    private static async Task<HttpResponseMessage> SendTracedAsync(ServerHost server, string path, ActivityTraceId traceId, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Waits up to 10 s for the server span of the request, which ends and is exported just after the
    /// response is sent. The trace also contains the spans of the server's own requests for its issuer's
    /// discovery document and keys, and every server span in the trace must carry a tenant.
    /// </summary>
    private static async Task<Activity> WaitForSpanAsync(LockedList<Activity> spans, ActivityTraceId traceId, string route)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var inTrace = spans.Snapshot().Where(span => span.TraceId == traceId && span.Kind == ActivityKind.Server).ToList();
            var request = inTrace.Where(span => Equals(span.GetTagItem("http.route"), route)).ToList();
            if (request.Count > 0)
            {
                Assert.Single(request);
                foreach (var span in inTrace)
                {
                    Assert.True(span.GetTagItem("tenant") is string, $"Span '{span.DisplayName}' of trace {traceId} has no tenant attribute.");
                }

                return request[0];
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"No server span for route {route} in trace {traceId} was exported within 10 s.");
        return null!;
    }

    /// <summary>A list the exporter adds to while the test reads it.</summary>
    private sealed class LockedList<T> : ICollection<T>
    {
        private readonly List<T> _items = [];
        private readonly Lock _lock = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public IReadOnlyList<T> Snapshot()
        {
            lock (_lock)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_lock)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().ToList().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_lock)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
