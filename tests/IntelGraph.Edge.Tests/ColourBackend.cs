using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Edge.Tests;

/// <summary>
/// A small server on 127.0.0.1 in place of one deployment: <c>/colour</c> returns its colour, and
/// <c>/slow</c> returns it only when the test releases the request, so a test can hold a request in flight.
/// </summary>
internal sealed class ColourBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _slowArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slowReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ColourBackend(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The status <c>/healthz</c> returns.</summary>
    public int HealthStatus { get; set; } = StatusCodes.Status200OK;

    /// <summary>Completes when a <c>/slow</c> request has reached this backend.</summary>
    public Task SlowArrived => _slowArrived.Task;

    public void ReleaseSlow() => _slowReleased.TrySetResult();

    public static async Task<ColourBackend> StartAsync(string colour)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["urls"] = address.GetLeftPart(UriPartial.Authority);
        builder.Logging.ClearProviders();

        var app = builder.Build();
        var backend = new ColourBackend(app, address);
        app.MapGet("/healthz", () => Results.StatusCode(backend.HealthStatus));
        app.MapGet("/colour", () => colour);
        app.MapGet("/slow", async () =>
        {
            backend._slowArrived.TrySetResult();
            await backend._slowReleased.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return colour;
        });
        await app.StartAsync();
        return backend;
    }

    /// <summary>Returns a loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        return IntelGraph.Testing.TestPorts.Free();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseSlow();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
