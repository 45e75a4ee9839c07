using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace IntelGraph.Server.DevIssuer;

/// <summary>
/// Offers the development issuer's request handler only for requests under its realm path. ASP.NET
/// Core's authentication middleware asks every request-handling scheme about every request, and the
/// issuer's handler runs its whole dispatch pipeline to learn that a budget check is not a token
/// request, which cost more than the check itself.
/// </summary>
internal sealed class IssuerPathHandlerProvider(AuthenticationHandlerProvider handlers, IssuerSettings issuer) : IAuthenticationHandlerProvider
{
    private readonly PathString _realmPath = new("/" + issuer.RealmPath);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
    {
        if (authenticationScheme == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme
            && !context.Request.Path.StartsWithSegments(_realmPath, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult<IAuthenticationHandler?>(null);
        }

        return handlers.GetHandlerAsync(context, authenticationScheme);
    }
}
