using IntelGraph.Server.Configuration;
using IntelGraph.Server.Http;
using IntelGraph.Server.Identity;
using IntelGraph.Server.Storage;
using Microsoft.Extensions.Options;

namespace IntelGraph.Server.Freeze;

/// <summary>
/// Runs a write endpoint inside one database transaction that starts by reading the write freeze.
/// A freeze cannot overtake the transaction (see <see cref="IntelGraph.Storage.StoreSession.BeginWriteTransactionAsync"/>),
/// so each write either commits wholly before a freeze or reads it and is rejected with 503, storing nothing.
/// Writes made with a token whose <c>azp</c> claim names one of the freeze's exempt clients proceed as if unfrozen.
/// </summary>
/// <remarks>
/// The transaction commits only when the endpoint returns a 2xx result. Any other result or an exception
/// rolls back everything the endpoint wrote, so a handler may write first and reject afterwards.
/// </remarks>
internal sealed class WriteTransactionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        var cancellationToken = httpContext.RequestAborted;
        var services = httpContext.RequestServices;
        var stores = await services.GetRequiredService<RequestStores>().GetAsync(cancellationToken);

        await using var transaction = await stores.BeginWriteTransactionAsync(cancellationToken);
        var freeze = await stores.WriteFreeze.FindAsync(cancellationToken);
        services.GetRequiredService<RequestFreezeState>().Current = freeze;
        // NOTE: azp names the OAuth client, not the user, so exempting a client that users sign in through exempts their writes too.
        var clientId = httpContext.User.FindFirst(TokenClaims.AuthorizedParty)?.Value;
        if (freeze is not null && !freeze.Exempts(clientId))
        {
            var logger = services.GetRequiredService<ILogger<WriteTransactionFilter>>();
            ServerLog.WriteRefused(logger, httpContext.Request.Method, httpContext.Request.Path);

            var retryAfter = services.GetRequiredService<IOptions<ServerOptions>>().Value.Freeze.RetryAfterSeconds;
            httpContext.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var problem = Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.WritesFrozen,
                "Writes are frozen",
                $"Writes are frozen since {freeze.FrozenAt:O}: {freeze.Banner}");
            problem.ProblemDetails.Extensions["banner"] = freeze.Banner;
            problem.ProblemDetails.Extensions["frozenAt"] = freeze.FrozenAt;
            return problem;
        }

        if (freeze is not null)
        {
            // An exempt write still runs in this transaction, which read the freeze, so the guarantee above applies to it too.
            var logger = services.GetRequiredService<ILogger<WriteTransactionFilter>>();
            ServerLog.ExemptWriteAllowed(logger, clientId!, httpContext.Request.Method, httpContext.Request.Path);
        }

        var result = await next(context);
        if (IsSuccess(result))
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private static bool IsSuccess(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 };
    }
}

/// <summary>Marks an endpoint as a write: it runs in a <see cref="WriteTransactionFilter"/> transaction and is refused during a freeze.</summary>
internal static class WriteEndpoints
{
    public static RouteHandlerBuilder WithWriteTransaction(this RouteHandlerBuilder builder)
    {
        return builder
            .AddEndpointFilter<WriteTransactionFilter>()
            .WithMetadata(new WriteEndpointMetadata())
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Endpoint metadata that marks a write endpoint, so tests and tools can list them.</summary>
public sealed class WriteEndpointMetadata;
