using System.Globalization;
using IntelGraph.Core;
using IntelGraph.Ledger.Canonical;
using IntelGraph.Ledger.Merkle;
using IntelGraph.Ledger.Signing;
using IntelGraph.Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace IntelGraph.Ledger.Manifests;

/// <summary>
/// Seals ledger claims into signed manifests: an RFC 9162 tree over the claim digests in the requested
/// order, and an ES256 detached JWS over the manifest's export document.
/// </summary>
public sealed partial class ManifestSealer(
    ILedgerStore ledger,
    IManifestStore manifests,
    TenantSigningKeys signingKeys,
    TimeProvider timeProvider,
    ILogger<ManifestSealer> logger)
{
    /// <summary>The default maximum number of claims in one manifest, the batch size of the cutover process.</summary>
    public const int DefaultBatchSize = 1000;

    private const string ManifestIdPrefix = "mf-";
    private const int ManifestIdHexLength = 32;

    /// <summary>
    /// Seals the claims of <paramref name="claimIds"/> that no manifest seals yet, in the given order, into
    /// manifests of at most <paramref name="batchSize"/> claims each, and returns the new manifests.
    /// </summary>
    /// <remarks>
    /// Already sealed ids and repeats of an id are skipped, so running the same request again seals
    /// nothing new. The tenant's signing key is created on first use. Each manifest is saved on its own,
    /// inside its own transaction of <paramref name="unitOfWork"/> when one is given. A failure therefore
    /// keeps the manifests saved before it.
    /// </remarks>
    /// <exception cref="InvalidInputException">An id is null or empty.</exception>
    /// <exception cref="NotFoundException">The ledger has no claim with one of the ids of a batch.</exception>
    /// <exception cref="IntegrityException">A claim's stored digest is not the digest of its stored body.</exception>
    /// <exception cref="StoreException">
    /// The manifest store rejected a manifest, for example because another process sealed one of its claims meanwhile.
    /// </exception>
    public async Task<IReadOnlyList<SealedManifest>> SealAsync(
        TenantId tenant,
        IReadOnlyList<string> claimIds,
        int batchSize = DefaultBatchSize,
        IUnitOfWork? unitOfWork = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimIds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        var requested = DistinctInOrder(claimIds);
        if (requested.Count == 0)
        {
            return [];
        }

        var unsealed = await manifests.FindUnsealedAsync(tenant, requested, cancellationToken).ConfigureAwait(false);
        var toSeal = requested.Where(unsealed.Contains).ToList();
        if (toSeal.Count == 0)
        {
            LogNothingToSeal(tenant.Value, requested.Count);
            return [];
        }

        using var key = await signingKeys.GetOrCreateAsync(tenant, cancellationToken).ConfigureAwait(false);

        // Each batch is checked and signed on a worker thread while the store loads the next batch and saves
        // the manifests before it. One batch at a time is signed, because the key object is not safe for concurrent use.
        var sealedManifests = new List<SealedManifest>();
        await using var pipeline = new SigningPipeline(async (manifest, token) =>
        {
            await SaveAsync(manifest, unitOfWork, token).ConfigureAwait(false);
            sealedManifests.Add(manifest);
        });

        var batchIndex = 0;
        foreach (var batch in toSeal.Chunk(batchSize))
        {
            IReadOnlyDictionary<string, Claim> claims;
            try
            {
                claims = await ledger.GetClaimsAsync(tenant, batch, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Without the overlap the batches before this one would already be saved when the load fails.
                await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw;
            }

            var manifestsSealedBefore = batchIndex++;
            await pipeline.AddAsync(() => VerifyAndSeal(tenant, batch, claims, manifestsSealedBefore, key), cancellationToken).ConfigureAwait(false);
        }

        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
        return sealedManifests;
    }

    /// <summary>Formats a time as RFC 3339 UTC with millisecond precision, for example 2025-06-01T12:00:00.000Z.</summary>
    internal static string FormatTimestamp(DateTimeOffset time)
    {
        return time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static List<string> DistinctInOrder(IReadOnlyList<string> claimIds)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<string>(claimIds.Count);
        for (var i = 0; i < claimIds.Count; i++)
        {
            var id = claimIds[i];
            if (string.IsNullOrEmpty(id))
            {
                throw new InvalidInputException($"Claim id {i} of the seal request is empty. Every id must name a ledger claim.");
            }

            if (seen.Add(id))
            {
                distinct.Add(id);
            }
        }

        return distinct;
    }

    /// <summary>Checks the loaded claims of one batch against their digests and seals them into a signed manifest.</summary>
    private SealedManifest VerifyAndSeal(
        TenantId tenant,
        string[] batch,
        IReadOnlyDictionary<string, Claim> claims,
        int manifestsSealedBefore,
        Es256SigningKey key)
    {
        var missing = batch.Where(id => !claims.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            const int ListedIds = 10;
            var listed = string.Join(", ", missing.Take(ListedIds).Select(id => $"'{id}'"));
            var more = missing.Count > ListedIds ? $" and {missing.Count - ListedIds} more" : "";
            throw new NotFoundException(
                $"Tenant '{tenant}' has no ledger claim with id {listed}{more}. {manifestsSealedBefore} manifests were sealed before this batch. Append the missing claims or remove their ids, then run again: sealed claims are skipped.");
        }

        var leaves = new List<ManifestLeaf>(batch.Length);
        foreach (var id in batch)
        {
            var claim = claims[id];

            // The leaf seals the digest, so a digest that no longer matches the body would seal a claim
            // that cannot be reproduced from the ledger.
            string computed;
            try
            {
                computed = ClaimDigest.Compute(claim.Body.Span);
            }
            catch (InvalidInputException ex)
            {
                throw new IntegrityException(
                    $"Claim '{id}' of tenant '{tenant}' has a stored body that is not a canonicalizable JSON object ({ex.Message}). The ledger entry is damaged. Nothing from this batch was sealed.");
            }

            if (!string.Equals(computed, claim.Digest, StringComparison.Ordinal))
            {
                throw new IntegrityException(
                    $"Claim '{id}' of tenant '{tenant}' stores digest {claim.Digest}, but its stored body hashes to {computed}. The ledger entry is damaged. Nothing from this batch was sealed.");
            }

            leaves.Add(new ManifestLeaf(id, claim.Digest));
        }

        return Seal(tenant, leaves, key);
    }

    /// <summary>
    /// Starts sealing claims that the caller has just appended, from the digests it computed of their bodies.
    /// The caller disposes the returned sealer.
    /// </summary>
    public AppendedClaimSealer StartAppended(TenantId tenant) => new(this, tenant);

    internal TenantSigningKeys SigningKeys => signingKeys;

    /// <summary>Builds the tree over the leaves and signs the manifest's export document.</summary>
    internal SealedManifest Seal(TenantId tenant, IReadOnlyList<ManifestLeaf> leaves, Es256SigningKey key)
    {
        var leafInputs = new byte[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            leafInputs[i] = ClaimDigest.Parse(leaves[i].Digest);
        }

        var tree = new MerkleTree(leafInputs);
        var rootHash = Convert.ToHexStringLower(tree.GetRootHash());

        // The id depends on the root alone, so sealing the same claims in the same order gives the same id.
        var manifestId = ManifestIdPrefix + rootHash[..ManifestIdHexLength];
        var createdAt = FormatTimestamp(timeProvider.GetUtcNow());

        var document = ManifestExportDocument.CreateUnsigned(manifestId, tenant, createdAt, leaves, tree);
        var jws = document.SignPayload(key);

        return new SealedManifest(manifestId, tenant, rootHash, createdAt, key.KeyId, jws, leaves);
    }

    /// <summary>Saves a manifest, in a transaction of its own when <paramref name="unitOfWork"/> is given, and logs it.</summary>
    internal async Task SaveAsync(SealedManifest manifest, IUnitOfWork? unitOfWork, CancellationToken cancellationToken)
    {
        if (unitOfWork is null)
        {
            await manifests.SaveAsync(manifest, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await manifests.SaveAsync(manifest, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        LogManifestSealed(manifest.Id, manifest.Tenant.Value, manifest.TreeSize, manifest.RootHash);
    }

    [LoggerMessage(
        EventId = 1070,
        Level = LogLevel.Information,
        Message = "Sealed manifest {ManifestId} for tenant {TenantId}: {TreeSize} claims, root {RootHash}")]
    private partial void LogManifestSealed(string manifestId, string tenantId, int treeSize, string rootHash);

    [LoggerMessage(
        EventId = 1071,
        Level = LogLevel.Information,
        Message = "Nothing to seal for tenant {TenantId}: all {RequestedCount} requested claims are already sealed")]
    private partial void LogNothingToSeal(string tenantId, int requestedCount);
}
