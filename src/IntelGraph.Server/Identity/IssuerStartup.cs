using IntelGraph.Server.Configuration;
using IntelGraph.Server.DevIssuer;
using Microsoft.Extensions.Options;

namespace IntelGraph.Server.Identity;

/// <summary>
/// Logs which issuer the server trusts. For the embedded development issuer it also reads (or generates)
/// the keys and reads the client file before the server accepts requests, so a damaged file stops the
/// start with its path in the message.
/// </summary>
internal sealed class IssuerStartup(
    IssuerSettings issuer,
    IOptions<ServerOptions> options,
    IServiceProvider services,
    IHostEnvironment environment,
    ILogger<IssuerStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ServerLog.IssuerConfigured(logger, issuer.Authority.AbsoluteUri, options.Value.Auth.Audience, issuer.IsEmbedded);
        if (!issuer.IsEmbedded)
        {
            return Task.CompletedTask;
        }

        var keys = services.GetRequiredService<DevIssuerKeys>();
        if (keys.Created)
        {
            ServerLog.DevIssuerKeysCreated(logger, keys.Path, keys.SigningKey.KeyId!);
        }
        else
        {
            ServerLog.DevIssuerKeysLoaded(logger, keys.Path, keys.SigningKey.KeyId!);
        }

        var catalog = services.GetRequiredService<DevClientCatalog>();
        if (catalog.SourcePath is null)
        {
            ServerLog.NoDevClients(logger, Path.Combine(environment.ContentRootPath, DevIssuerRegistration.DefaultClientsFile));
            return Task.CompletedTask;
        }

        ServerLog.DevClientsLoaded(logger, catalog.ClientCount, catalog.UserCount, catalog.SourcePath);
        foreach (var entry in catalog.Unavailable)
        {
            ServerLog.DevClientUnavailable(logger, entry);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
