namespace IntelGraph.Server.Flags;

/// <summary>
/// Loads the flags file when the server starts, so a missing or invalid file stops the start with its
/// file, line and field, then checks the file for changes at <see cref="FlagsRuntime.ReloadInterval"/>.
/// </summary>
/// <remarks>
/// The check polls the file content instead of watching for file system events, because Kubernetes
/// updates a mounted ConfigMap by swapping a symbolic link, which file watchers do not report reliably.
/// </remarks>
internal sealed class FlagsReloadService(FlagsRuntime runtime, TimeProvider timeProvider) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await runtime.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (runtime.Current is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(runtime.ReloadInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await runtime.ReloadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
