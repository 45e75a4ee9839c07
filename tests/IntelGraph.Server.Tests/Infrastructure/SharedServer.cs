[assembly: AssemblyFixture(typeof(IntelGraph.Server.Tests.Infrastructure.SharedServer))]

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// One server for every test that neither freezes writes nor needs an empty store. Such tests use
/// their own ids (a fresh Guid in every id they create), so they never depend on each other's rows.
/// </summary>
public sealed class SharedServer : IAsyncLifetime
{
    private ServerHost? _host;

    internal ServerHost Host => _host ?? throw new InvalidOperationException("The shared server has not started.");

    public async ValueTask InitializeAsync() => _host = await ServerHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
