using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace IntelGraph.Edge;

/// <summary>Builds the edge: a YARP reverse proxy on the client address, and the switch endpoints on the admin address.</summary>
public static class EdgeHost
{
    /// <param name="configure">Changes the builder before the app is built, such as the logging providers of a test.</param>
    /// <exception cref="IntelGraph.Core.InvalidInputException">The state file is invalid.</exception>
    public static async Task<WebApplication> BuildAsync(EdgeSettings settings, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var stateFile = new EdgeStateFile(settings.StateFile);
        var state = await stateFile.ReadAsync(cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["urls"] = $"{settings.Listen.GetLeftPart(UriPartial.Authority)};{settings.Admin.GetLeftPart(UriPartial.Authority)}";

        var (routes, clusters) = EdgeRouter.ProxyConfig(settings, state.Active);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(stateFile);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new EdgeRouter(
            settings,
            stateFile,
            state,
            services.GetRequiredService<InMemoryConfigProvider>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<EdgeRouter>>()));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapEdgeAdminEndpoints(settings);
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            // The admin address serves only the switch endpoints; it never forwards to a side.
            if (context.Connection.LocalPort == settings.Admin.Port)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next();
        }));
        return app;
    }
}
