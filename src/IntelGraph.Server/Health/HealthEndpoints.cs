using IntelGraph.Governance;
using IntelGraph.Server.Access;
using IntelGraph.Server.Freeze;
using IntelGraph.Server.Http;
using IntelGraph.Server.Identity;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Health;

/// <summary>Liveness, readiness and status, for load balancers, orchestrators and users.</summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Health").RequireMatrixAccess();

        group.MapGet("/healthz", () => TypedResults.Ok(new Liveness("ok")))
            .WithName("Liveness")
            .WithSummary("Answer 200 while the process serves requests.");
        group.MapGet("/readyz", GetReadinessAsync)
            .WithName("Readiness")
            .WithSummary("Answer 200 when the store is reachable and its schema is current, else 503.");
        group.MapGet("/status", GetStatusAsync)
            .WithName("Status")
            .WithSummary("Report the write freeze, the schema version and the token issuer.");

        return group;
    }

    internal static async Task<Results<Ok<Readiness>, ProblemHttpResult>> GetReadinessAsync(ServerStore store, CancellationToken cancellationToken)
    {
        // A fresh rent from the pool, not the request's connection: the banner middleware may have failed to get one.
        IntelGraph.Storage.StoreSession stores;
        try
        {
            stores = await store.OpenSessionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IntelGraph.Core.StoreException or IOException or UnauthorizedAccessException)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "Not ready", ex.Message);
        }

        int version;
        int latest = stores.LatestSchemaVersion;
        try
        {
            version = await stores.ReadSchemaVersionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IntelGraph.Core.StoreException or Npgsql.NpgsqlException)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "Not ready", ex.Message);
        }
        finally
        {
            await store.ReleaseAsync(stores);
        }

        if (version != latest)
        {
            return Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.SchemaOutdated,
                "Not ready",
                $"The store has schema version {version}, but this server expects {latest}.");
        }

        return TypedResults.Ok(new Readiness("ready", version));
    }

    internal static async Task<Ok<ServerStatus>> GetStatusAsync(
        RequestStores requestStores,
        RequestFreezeState freezeState,
        IssuerSettings issuer,
        CancellationToken cancellationToken)
    {
        var stores = await requestStores.GetAsync(cancellationToken);
        var freeze = await stores.WriteFreeze.FindAsync(cancellationToken);
        freezeState.Current = freeze;
        var version = await stores.ReadSchemaVersionAsync(cancellationToken);

        return TypedResults.Ok(new ServerStatus(
            Service: "intelgraph",
            Version: typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "unknown",
            Freeze: FreezeStatus.From(freeze),
            SchemaVersion: version,
            Issuer: issuer.Authority.AbsoluteUri));
    }
}

public sealed record Liveness(string Status);

public sealed record Readiness(string Status, int SchemaVersion);

/// <param name="Issuer">The issuer whose access tokens the server accepts.</param>
public sealed record ServerStatus(string Service, string Version, FreezeStatus Freeze, int SchemaVersion, string Issuer);
