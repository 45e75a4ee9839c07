using System.Text.Json;
using System.Text.Json.Serialization;
using IntelGraph.Server.Access;
using IntelGraph.Server.Account;
using IntelGraph.Server.Budget;
using IntelGraph.Server.Cases;
using IntelGraph.Server.Configuration;
using IntelGraph.Server.DevIssuer;
using IntelGraph.Server.Flags;
using IntelGraph.Server.Freeze;
using IntelGraph.Server.Graph;
using IntelGraph.Server.Health;
using IntelGraph.Server.Http;
using IntelGraph.Server.Identity;
using IntelGraph.Server.Keys;
using IntelGraph.Server.Ledger;
using IntelGraph.Server.Observability;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace IntelGraph.Server;

/// <summary>
/// Builds the API server: services, middleware and endpoints. Program.cs and <c>intelgraph serve</c>
/// both call these three methods, so the two hosts cannot drift apart.
/// </summary>
public static class ServerComposition
{
    /// <summary>Registers the store, authentication, authorization, problem details, JSON rules, OpenAPI, logs, metrics and tracing.</summary>
    /// <exception cref="IntelGraph.Core.InvalidInputException">The issuer or OTLP endpoint settings are unusable; the message names the setting.</exception>
    public static WebApplicationBuilder AddIntelGraphServer(this WebApplicationBuilder builder)
    {
        // Lowest-priority defaults: ASP.NET Core and OpenIddict log every request at Information, which buries the server's own events.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:OpenIddict"] = "Warning",
            },
        });

        var section = builder.Configuration.GetSection(ServerOptions.SectionName);
        var options = section.Get<ServerOptions>() ?? new ServerOptions();
        builder.Services.Configure<ServerOptions>(section);

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = IssuerSettings.DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Limits.MaxRequestBodyBytes;
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerStore>();
        services.AddSingleton<Ledger.ManifestExportCache>();
        services.AddScoped<RequestStores>();
        services.AddScoped<RequestFreezeState>();
        services.AddHostedService<StoreStartup>();
        services.AddIntelGraphFlags();

        // Nothing here encrypts with Data Protection, but authentication registers it; keep its key ring beside the database instead of the user profile.
        services.AddDataProtection().PersistKeysToFileSystem(
            new DirectoryInfo(Path.Combine(options.Store.ResolveStateFolder(), "data-protection-keys")));

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(json => ConfigureJson(json.SerializerOptions));

        var issuer = IssuerSettings.Resolve(options.Auth, urls);
        services.AddSingleton(issuer);
        services.AddHostedService<IssuerStartup>();
        services.AddBearerAuthentication(options.Auth, issuer);
        if (issuer.IsEmbedded)
        {
            services.AddDevIssuer(options, issuer, builder.Environment.ContentRootPath);
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationHandler, TenantClaimRequirement>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenProblemHandler>();

        services.AddOpenApi();
        builder.AddIntelGraphObservability();
        return builder;
    }

    /// <summary>
    /// Adds the middleware in order. Request metrics come first, so they time everything after them, then
    /// the banner header, so even error responses carry it. Next are the exception handler, problem bodies
    /// for bare error statuses and the body size limit. Authentication (which also serves the development
    /// issuer's endpoints) and authorization follow, and last the tenant log scope around the endpoint.
    /// </summary>
    public static WebApplication UseIntelGraphPipeline(this WebApplication app)
    {
        app.UseRequestMetrics();
        app.UseMiddleware<BannerHeaderMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTenantLogScope();
        return app;
    }

    /// <summary>Maps every module's endpoints, the Prometheus scrape endpoint and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapIntelGraphEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapLedgerEndpoints();
        app.MapKeysEndpoints();
        app.MapBudgetEndpoints();
        app.MapCasesEndpoints();
        app.MapGraphEndpoints();
        app.MapQuestionEndpoints();
        app.MapGraphAnalyticsEndpoints();
        app.MapFreezeEndpoints();
        app.MapFlagsEndpoints();
        app.MapMetricsEndpoints();
        app.MapOpenApi().RequireMatrixAccess();
        return app;
    }

    /// <summary>
    /// Strict JSON: numbers must be numbers (integers may use exponent form, such as 2e6), unknown or
    /// repeated members are errors, so a misspelt field is reported instead of ignored.
    /// </summary>
    internal static void ConfigureJson(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new IntegerJsonConverter());
    }
}
