using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IntelGraph.Server.DevIssuer;

/// <summary>
/// Checks the client credentials (and, for the password grant, the user's password) of a token request
/// against the <see cref="DevClientCatalog"/>. OpenIddict's degraded mode has no client store, so
/// without this handler any client id would get a token.
/// </summary>
internal sealed class DevTokenRequestValidator(DevClientCatalog catalog, ILogger<DevTokenRequestValidator> logger)
    : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenRequestContext context)
    {
        var request = context.Request;
        if (!request.IsClientCredentialsGrantType() && !request.IsPasswordGrantType())
        {
            Reject(context, Errors.UnsupportedGrantType, "Only the client_credentials and password grants are supported.", request.ClientId, "unsupported grant type");
            return ValueTask.CompletedTask;
        }

        var client = catalog.FindClient(request.ClientId);
        if (client is null || !client.SecretMatches(request.ClientSecret))
        {
            // One message for an unknown client and a wrong secret, so the response does not reveal which client ids exist.
            Reject(context, Errors.InvalidClient, "The client id or client secret is invalid.", request.ClientId, client is null ? "unknown client" : "wrong or unavailable secret");
            return ValueTask.CompletedTask;
        }

        if (request.IsPasswordGrantType())
        {
            var user = catalog.FindUser(request.Username);
            if (user is null || !user.SecretMatches(request.Password))
            {
                Reject(context, Errors.InvalidGrant, "The user name or password is invalid.", request.ClientId, "invalid user credentials");
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Reject(OpenIddictServerEvents.ValidateTokenRequestContext context, string error, string description, string? clientId, string reason)
    {
        ServerLog.TokenRequestRejected(logger, clientId ?? "(none)", reason);
        context.Reject(error: error, description: description);
    }
}
