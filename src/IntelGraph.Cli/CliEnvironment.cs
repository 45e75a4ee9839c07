using IntelGraph.Core;
using IntelGraph.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntelGraph.Cli;

/// <summary>
/// What every command needs from the outside world: output writers, the clock, logging and the
/// store. Tests pass string writers and a temporary database instead of the console and the default file.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>The environment variable that names the store when <c>--db</c> does not.</summary>
    public const string DatabaseVariable = StoreLocation.EnvironmentVariable;

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>True when standard output is a terminal, so progress can be drawn as bars instead of plain lines.</summary>
    public bool IsInteractive { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Set when the process received SIGTERM, so an interrupted command exits 143 rather than 130.</summary>
    public bool TerminationRequested { get; set; }

    public static CliEnvironment FromConsole(ILoggerFactory loggerFactory) => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        IsInteractive = !Console.IsOutputRedirected,
        LoggerFactory = loggerFactory,
    };

    /// <summary>The store: the <c>--db</c> value, else <c>$INTELGRAPH_DB</c>, else <c>.intelgraph/intelgraph.db</c> under the current folder.</summary>
    public static StoreLocation ResolveStore(string? option) => StoreLocation.Resolve(option);

    public Task<StoreSession> OpenStoresAsync(string? databaseOption, CancellationToken cancellationToken) =>
        StoreOpener.OpenSessionAsync(ResolveStore(databaseOption), TimeProvider, cancellationToken);

    public static TenantId ParseTenant(string? value) => TenantId.Parse(value);
}
