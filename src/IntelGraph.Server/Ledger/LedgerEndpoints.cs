using System.Globalization;
using System.Text.Json;
using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Server.Access;
using IntelGraph.Server.Freeze;
using IntelGraph.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntelGraph.Server.Ledger;

/// <summary>The claim ledger: append and read claims, seal them into signed manifests and export those.</summary>
public static class LedgerEndpoints
{
    private static readonly JsonDocumentOptions _claimParsing = new() { AllowDuplicateProperties = false };

    public static RouteGroupBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ledger").WithTags("Ledger").RequireMatrixAccess();

        group.MapGet("/claims", ListClaimsAsync)
            .WithName("ListClaims")
            .WithSummary("Read the tenant's claims in append order, a page at a time.");
        group.MapPost("/claims", AppendClaimAsync)
            .Accepts<JsonElement>("application/json")
            .WithWriteTransaction()
            .WithName("AppendClaim")
            .WithSummary("Append a claim: a JSON object with a string id and, optionally, its hash.");
        group.MapGet("/claims/{claimId}", GetClaimAsync)
            .WithName("GetClaim")
            .WithSummary("Read one claim as it was appended.");
        group.MapPost("/manifests", SealAsync)
            .WithWriteTransaction()
            .WithName("SealManifest")
            .WithSummary("Seal unsealed claims, in the given order, into one signed manifest.");
        group.MapGet("/manifests/{manifestId}/export", ExportManifestAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithName("ExportManifest")
            .WithSummary("Read a manifest as its export document, which verifies offline with the tenant's JWK Set.");

        return group;
    }

    internal static async Task<Results<Ok<ClaimPage>, ValidationProblem>> ListClaimsAsync(
        Caller caller,
        [AsParameters] LedgerServices services,
        string? limit,
        string? after,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pageSize = InputRules.PageSize(errors, limit);
        var afterSequence = ParseCursor(errors, after);
        if (pageSize is null || afterSequence is null)
        {
            return errors.ToProblem();
        }

        var stores = await services.Stores.GetAsync(cancellationToken);

        // Reading one entry more than the page shows whether another page follows.
        // NOTE: the cursor is the store's append sequence, shared by all tenants, so its gaps show how many claims other tenants appended.
        var entries = await stores.Ledger.ReadAsync(caller.Tenant, afterSequence.Value, pageSize.Value + 1, cancellationToken);
        var page = entries.Take(pageSize.Value).ToList();
        var nextCursor = entries.Count > pageSize.Value ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;

        var lastCursor = page.Count > 0 ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : after;

        return TypedResults.Ok(new ClaimPage([.. page.Select(entry => ClaimItem.From(entry.Claim))], nextCursor, lastCursor));
    }

    internal static async Task<Results<Created<AppendedClaim>, Ok<AppendedClaim>, ValidationProblem, ProblemHttpResult>> AppendClaimAsync(
        HttpRequest request,
        Caller caller,
        [AsParameters] LedgerServices services,
        CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                ErrorCodes.UnsupportedMediaType,
                "Unsupported media type",
                "The claim must be sent as JSON with Content-Type: application/json.");
        }

        var body = await ClaimBody.ReadAsync(request, cancellationToken);
        var parsed = ClaimBody.Parse(body, _claimParsing);
        if (parsed.Problem is { } problem)
        {
            return problem;
        }

        var claim = parsed.Claim!;
        var stores = await services.Stores.GetAsync(cancellationToken);
        var existing = await stores.Ledger.FindDigestAsync(caller.Tenant, claim.Id, cancellationToken);
        if (existing is not null)
        {
            // Appending the same claim again is a no-op, so a client may retry after a lost response.
            return string.Equals(existing.Value, claim.Digest, StringComparison.Ordinal)
                ? TypedResults.Ok(new AppendedClaim(claim.Id, claim.Digest, Appended: false))
                : Problems.Conflict(
                    ErrorCodes.ClaimConflict,
                    $"The ledger already holds claim '{claim.Id}' with digest {existing.Value}, and this body's digest is {claim.Digest}. The ledger is append-only; use a new id.");
        }

        await stores.Ledger.AppendAsync(caller.Tenant, claim, origin: null, cancellationToken);
        ServerLog.ClaimAppended(services.Logger, claim.Id, caller.Tenant.Value);
        return TypedResults.Created($"/ledger/claims/{Uri.EscapeDataString(claim.Id)}", new AppendedClaim(claim.Id, claim.Digest, Appended: true));
    }

    internal static async Task<Results<Ok<ClaimItem>, ProblemHttpResult>> GetClaimAsync(
        string claimId,
        Caller caller,
        [AsParameters] LedgerServices services,
        CancellationToken cancellationToken)
    {
        var stores = await services.Stores.GetAsync(cancellationToken);
        var claims = await stores.Ledger.GetClaimsAsync(caller.Tenant, [claimId], cancellationToken);
        return claims.TryGetValue(claimId, out var claim)
            ? TypedResults.Ok(ClaimItem.From(claim))
            : Problems.NotFound(ErrorCodes.ClaimNotFound, $"Tenant '{caller.Tenant}' has no ledger claim with id '{InputRules.Shorten(claimId)}'.");
    }

    internal static async Task<Results<Created<ManifestResponse>, ValidationProblem, ProblemHttpResult>> SealAsync(
        SealRequest request,
        Caller caller,
        [AsParameters] LedgerServices services,
        CancellationToken cancellationToken)
    {
        var claimIds = ValidateClaimIds(request.ClaimIds, out var errors);
        if (claimIds is null)
        {
            return errors.ToProblem();
        }

        var stores = await services.Stores.GetAsync(cancellationToken);
        var present = await stores.Ledger.GetClaimsAsync(caller.Tenant, claimIds, cancellationToken);
        var missing = claimIds.Where(id => !present.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            return Problems.Unprocessable(
                    ErrorCodes.ClaimNotFound,
                    $"Tenant '{caller.Tenant}' has no ledger claim with id {ListIds(missing)}. Append the claims first or remove their ids.")
                .WithFieldErrors(FieldsOf(claimIds, missing, "No ledger claim of the tenant has this id."));
        }

        // The sealer skips sealed claims silently; a client asking for a manifest must learn that some were already sealed.
        var unsealed = await stores.Manifests.FindUnsealedAsync(caller.Tenant, claimIds, cancellationToken);
        var alreadySealed = claimIds.Where(id => !unsealed.Contains(id)).ToList();
        if (alreadySealed.Count > 0)
        {
            return Problems.Conflict(
                    ErrorCodes.ClaimAlreadySealed,
                    $"Claims {ListIds(alreadySealed)} are already sealed by another manifest; a claim is sealed once. Remove them from claimIds.")
                .WithFieldErrors(FieldsOf(claimIds, alreadySealed, "This claim is already sealed by another manifest."));
        }

        // Another request, perhaps on another server, may seal some of the claims between the check above and the
        // sealer's own check. The sealer then seals only the rest, and that is not the manifest this request asked for.
        var manifests = await services.CreateSealer(stores).SealAsync(caller.Tenant, claimIds, claimIds.Count, unitOfWork: null, cancellationToken);
        if (manifests.Count != 1 || manifests[0].Leaves.Count != claimIds.Count)
        {
            return Problems.Conflict(
                ErrorCodes.ClaimAlreadySealed,
                "Some of the claims were sealed by another request while this one ran; a claim is sealed once. List the tenant's manifests to see which.");
        }

        var manifest = manifests[0];
        return TypedResults.Created($"/ledger/manifests/{manifest.Id}/export", ManifestResponse.From(manifest));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportManifestAsync(
        string manifestId,
        Caller caller,
        [AsParameters] LedgerServices services,
        ManifestExportCache cache,
        CancellationToken cancellationToken)
    {
        if (cache.TryGet(caller.Tenant.Value, manifestId, out var cached))
        {
            return TypedResults.Bytes(cached, "application/json");
        }

        var stores = await services.Stores.GetAsync(cancellationToken);
        var manifest = await stores.Manifests.FindAsync(caller.Tenant, manifestId, cancellationToken);
        if (manifest is null)
        {
            return Problems.NotFound(ErrorCodes.ManifestNotFound, $"Tenant '{caller.Tenant}' has no manifest with id '{InputRules.Shorten(manifestId)}'.");
        }

        var document = ManifestExportDocument.FromManifest(manifest).ToJsonBytes(indented: true);
        cache.Add(caller.Tenant.Value, manifestId, document);
        return TypedResults.Bytes(document, "application/json");
    }

    private static long? ParseCursor(FieldErrors errors, string? after)
    {
        if (after is null)
        {
            return 0;
        }

        if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            errors.Add("after", "after must be the nextCursor or lastCursor value of an earlier page.");
            return null;
        }

        return sequence;
    }

    private static List<string>? ValidateClaimIds(IReadOnlyList<string?>? requested, out FieldErrors errors)
    {
        errors = new FieldErrors();
        if (requested is null || requested.Count == 0)
        {
            errors.Add("claimIds", "claimIds is required and must list at least one claim id.");
            return null;
        }

        if (requested.Count > ManifestSealer.DefaultBatchSize)
        {
            errors.Add("claimIds", $"claimIds lists {requested.Count} ids; one manifest seals at most {ManifestSealer.DefaultBatchSize}.");
            return null;
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            var field = $"claimIds[{i}]";
            var id = InputRules.Id(errors, field, requested[i]);
            if (id is null)
            {
                continue;
            }

            if (!firstIndex.TryAdd(id, i))
            {
                errors.Add(field, $"{field} repeats claimIds[{firstIndex[id]}]; each claim is sealed once.");
                continue;
            }

            ids.Add(id);
        }

        return errors.IsEmpty ? ids : null;
    }

    /// <summary>Names the claimIds entries that hold the given ids, such as <c>claimIds[3]</c>.</summary>
    private static Dictionary<string, string[]> FieldsOf(List<string> claimIds, List<string> faulty, string message)
    {
        var faultySet = faulty.ToHashSet(StringComparer.Ordinal);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < claimIds.Count; i++)
        {
            if (faultySet.Contains(claimIds[i]))
            {
                fields[$"claimIds[{i}]"] = [message];
            }
        }

        return fields;
    }

    private static string ListIds(List<string> ids)
    {
        const int Listed = 10;
        var listed = string.Join(", ", ids.Take(Listed).Select(id => $"'{InputRules.Shorten(id)}'"));
        return ids.Count > Listed ? $"{listed} and {ids.Count - Listed} more" : listed;
    }
}
