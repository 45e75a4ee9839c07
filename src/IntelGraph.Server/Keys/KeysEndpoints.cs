using IntelGraph.Core;
using IntelGraph.Ledger.Signing;
using IntelGraph.Server.Access;
using IntelGraph.Server.Http;
using IntelGraph.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Keys;

/// <summary>
/// The public JWK Set of a tenant's manifest signing key. It is public because anyone holding an
/// exported manifest must be able to verify it; the tenant is named by the <c>tenant</c> query parameter.
/// </summary>
public static class KeysEndpoints
{
    public const string JwkSetContentType = "application/jwk-set+json";

    public static RouteGroupBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/.well-known").WithTags("Keys").RequireMatrixAccess();

        group.MapGet("/jwks.json", GetTenantKeysAsync)
            .Produces(StatusCodes.Status200OK, contentType: JwkSetContentType)
            .WithName("GetTenantJwks")
            .WithSummary("Read the public key that verifies a tenant's manifests, as a JWK Set.");

        return group;
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTenantKeysAsync(
        string? tenant,
        RequestStores requestStores,
        TimeProvider timeProvider,
        ILogger<TenantSigningKeys> logger,
        CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(tenant, out var tenantId))
        {
            return Problems.InvalidField(
                "tenant",
                "tenant is required: the tenant whose manifest key to return, 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit.");
        }

        var stores = await requestStores.GetAsync(cancellationToken);
        try
        {
            var keySet = await new TenantSigningKeys(stores.Keys, timeProvider, logger).ExportPublicKeysAsync(tenantId, cancellationToken);
            return TypedResults.Bytes(keySet.ToJsonBytes(indented: false), JwkSetContentType);
        }
        catch (NotFoundException ex)
        {
            return Problems.NotFound(ErrorCodes.TenantKeyNotFound, ex.Message);
        }
    }
}
