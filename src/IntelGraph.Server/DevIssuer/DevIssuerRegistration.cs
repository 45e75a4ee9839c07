using IntelGraph.Server.Configuration;
using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace IntelGraph.Server.DevIssuer;

/// <summary>
/// Registers the embedded development issuer: OpenIddict's server in degraded mode (no database of
/// clients or tokens), serving Keycloak's paths under <c>/auth/realms/{realm}</c>.
/// </summary>
internal static class DevIssuerRegistration
{
    public const string DefaultClientsFile = "deploy/dev-clients.json";
    public const string DefaultKeyFileName = "dev-issuer-keys.json";

    public static void AddDevIssuer(this IServiceCollection services, ServerOptions options, IssuerSettings issuer, string contentRoot)
    {
        var devOptions = options.Auth.DevIssuer;
        services.AddSingleton(_ => LoadCatalog(devOptions.ClientsFile, contentRoot));
        services.AddSingleton(_ => DevIssuerKeys.LoadOrCreate(
            devOptions.KeyFile ?? Path.Combine(options.Store.ResolveStateFolder(), DefaultKeyFileName)));

        services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(issuer.Authority);
            server.SetConfigurationEndpointUris($"{issuer.RealmPath}/.well-known/openid-configuration");
            server.SetJsonWebKeySetEndpointUris($"{issuer.RealmPath}/protocol/openid-connect/certs");
            server.SetTokenEndpointUris($"{issuer.RealmPath}/protocol/openid-connect/token");

            server.AllowClientCredentialsFlow();
            server.AllowPasswordFlow();
            server.SetAccessTokenLifetime(TimeSpan.FromSeconds(Math.Max(1, devOptions.AccessTokenLifetimeSeconds)));

            // Degraded mode runs without OpenIddict's stores; DevTokenRequestValidator checks clients instead.
            server.EnableDegradedMode();

            // Plain signed JWTs, as Keycloak issues them, so any JWT library can validate them.
            server.DisableAccessTokenEncryption();

            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseSingletonHandler<DevTokenRequestValidator>());
            server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseSingletonHandler<DevTokenIssuer>());

            // The issuer serves plain http on loopback during development; behind TLS the proxy sets the scheme.
            server.UseAspNetCore().DisableTransportSecurityRequirement();
        });

        services.AddScoped<AuthenticationHandlerProvider>();
        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider, IssuerPathHandlerProvider>());

        services.AddOptions<OpenIddictServerOptions>().Configure<DevIssuerKeys>((server, keys) =>
        {
            server.SigningCredentials.Add(new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(keys.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }

    private static DevClientCatalog LoadCatalog(string? configuredPath, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return DevClientCatalog.Load(Path.GetFullPath(configuredPath, contentRoot), Environment.GetEnvironmentVariable);
        }

        var defaultPath = Path.Combine(contentRoot, DefaultClientsFile);
        return File.Exists(defaultPath) ? DevClientCatalog.Load(defaultPath, Environment.GetEnvironmentVariable) : DevClientCatalog.Empty;
    }
}
