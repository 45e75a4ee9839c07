namespace IntelGraph.Server.Flags;

/// <summary>Registers the feature flags: the runtime that contains the served revision and the service that loads and reloads it.</summary>
internal static class FlagsRegistration
{
    public static IServiceCollection AddIntelGraphFlags(this IServiceCollection services)
    {
        services.AddSingleton<FlagsRuntime>();
        services.AddHostedService<FlagsReloadService>();
        return services;
    }
}
