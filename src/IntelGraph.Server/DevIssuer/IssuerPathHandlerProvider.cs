using IntelGraph.Server.Identity;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace IntelGraph.Server.DevIssuer;

/// <summary>
/// A handler provider that offers the development issuer's request handler only for requests under its
/// realm path. ASP.NET Core's authentication middleware calls every request-handling scheme on every
/// request. The issuer's handler then runs its whole dispatch pipeline just to skip a budget check, and
/// that cost more than the check itself.
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
