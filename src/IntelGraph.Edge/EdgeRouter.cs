using IntelGraph.Core;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace IntelGraph.Edge;

/// <summary>
/// Decides which side receives new requests and moves traffic between the sides. A move replaces the
/// proxy's route in one step: requests already forwarded keep the destination they were given and
/// finish there, and requests that arrive later go to the new side.
/// </summary>
public sealed partial class EdgeRouter(
    EdgeSettings settings,
    EdgeStateFile stateFile,
    EdgeState initialState,
    InMemoryConfigProvider proxyConfig,
    TimeProvider timeProvider,
    ILogger<EdgeRouter> logger) : IDisposable
{
    public const string RouteId = "edge";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(5) };
    private EdgeState _state = initialState;

    public EdgeState State => Volatile.Read(ref _state);

    public EdgeSettings Settings => settings;

    /// <summary>Returns the proxy configuration that sends every request to <paramref name="active"/>.</summary>
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) ProxyConfig(EdgeSettings settings, EdgeSide active)
    {
        var route = new RouteConfig { RouteId = RouteId, ClusterId = active.Name(), Match = new RouteMatch { Path = "{**path}" } };
        var clusters = Enum.GetValues<EdgeSide>()
            .Select(side => new ClusterConfig
            {
                ClusterId = side.Name(),
                Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
                {
                    [side.Name()] = new DestinationConfig { Address = settings.AddressOf(side).ToString() },
                },
            })
            .ToList();
        return ([route], clusters);
    }

    /// <summary>Moves traffic to <paramref name="to"/>, or changes nothing when that side is already active.</summary>
    /// <exception cref="EdgeSwitchRejectedException">The side did not pass its health check and <paramref name="force"/> was not set.</exception>
    public Task<EdgeMove> SwitchAsync(EdgeSide to, string by, string? reason, bool force, CancellationToken cancellationToken) =>
        MoveAsync(_ => to, EdgeMove.SwitchKind, by, reason, force, cancellationToken);

    /// <summary>Moves traffic back to the side that was active before the last move.</summary>
    /// <exception cref="EdgeSwitchRejectedException">No move was recorded yet, or the side failed its health check.</exception>
    public Task<EdgeMove> RollbackAsync(string by, string? reason, bool force, CancellationToken cancellationToken) =>
        MoveAsync(
            state => state.Log.Count > 0
                ? state.Log[^1].From
                : throw new EdgeSwitchRejectedException($"nothing to roll back: the switch log is empty and {state.Active.Name()} has been active from the start."),
            EdgeMove.RollbackKind,
            by,
            reason,
            force,
            cancellationToken);

    public void Dispose()
    {
        _health.Dispose();
        _gate.Dispose();
    }

    private async Task<EdgeMove> MoveAsync(Func<EdgeState, EdgeSide> target, string kind, string by, string? reason, bool force, CancellationToken cancellationToken)
    {
        // One move at a time, so two operators cannot interleave the state file and the route.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = State;
            var to = target(current);
            if (to == current.Active)
            {
                return new EdgeMove(current, Changed: false);
            }

            if (!force)
            {
                await CheckHealthAsync(to, cancellationToken);
            }

            var now = timeProvider.GetUtcNow();
            var next = new EdgeState(to, now, [.. current.Log, new EdgeSwitch(now, current.Active, to, kind, by, reason)]);

            // The state is on disk before traffic moves, so an edge that crashes in between restarts on the new side.
            await stateFile.WriteAsync(next, cancellationToken);
            var (routes, clusters) = ProxyConfig(settings, to);
            proxyConfig.Update(routes, clusters);
            Volatile.Write(ref _state, next);

            LogMoved(logger, kind, current.Active.Name(), to.Name(), by, reason);
            return new EdgeMove(next, Changed: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CheckHealthAsync(EdgeSide side, CancellationToken cancellationToken)
    {
        var address = new Uri(settings.AddressOf(side), settings.HealthPath);
        try
        {
            using var response = await _health.GetAsync(address, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new EdgeSwitchRejectedException($"{side.Name()} is not healthy: GET {address} returned {(int)response.StatusCode}. Fix it first, or pass --force.");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogHealthCheckFailed(logger, ex, side.Name(), address);
            throw new EdgeSwitchRejectedException($"{side.Name()} is not reachable: GET {address} failed ({ex.Message}). Fix it first, or pass --force.");
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Edge traffic moved by {Kind} from {From} to {To}, requested by {By}: {Reason}")]
    private static partial void LogMoved(ILogger logger, string kind, string from, string to, string by, string? reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Health check of {Side} at {Address} failed")]
    private static partial void LogHealthCheckFailed(ILogger logger, Exception exception, string side, Uri address);
}

/// <summary>The state after a move; <see cref="Changed"/> is false when the requested side was already active.</summary>
public sealed record EdgeMove(EdgeState State, bool Changed)
{
    public const string SwitchKind = "switch";
    public const string RollbackKind = "rollback";
}

/// <summary>A move that the edge did not make: no side to roll back to, or a side that failed its health check.</summary>
public sealed class EdgeSwitchRejectedException(string message) : IntelGraphException(message);
