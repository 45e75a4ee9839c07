using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Ledger.Storage;
using IntelGraph.Migration.Sources;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Seals the claims of one export part into manifests of 1000, in <c>claim_ids.txt</c> order as the
/// cutover playbook does. Ids already sealed, repeated, or absent from the ledger are skipped, so the
/// batches, and therefore the roots, come out the same however often the part is run or resumed.
/// </summary>
/// <remarks>
/// The manifests that <see cref="ImportTimeSealer"/> sealed during the import count towards the result, and
/// the listing lines they cover are skipped without lookups.
/// Manifests are committed together once they hold <paramref name="batchSize"/> claims. A kill loses the
/// open group, and the next run seals the same batches again because the committed ones form a prefix.
/// </remarks>
internal sealed class PartManifestSealer(MigrationStores stores, ManifestSealer sealer, int batchSize)
{
    /// <summary>The number of ids looked up together, so that one query per store covers a group instead of one query per id.</summary>
    private const int LookupSize = 1000;

    /// <summary>
    /// Manifests handed to the sealer in one call. The sealer checks and signs one manifest while it stores the one
    /// before, so several per call keep two cores busy. The batches are the same as with one call per manifest.
    /// </summary>
    private const int ManifestsPerCall = 10;

    public async Task<PartSealing> SealAsync(TenantId tenant, ExportPartSource part, ImportTimeSealing sealedAtImport, CancellationToken cancellationToken)
    {
        await using var transaction = new TransactionBatch(stores.UnitOfWork, batchSize);
        await transaction.BeginAsync(cancellationToken);
        var run = new SealingRun(tenant, stores, sealer, transaction, sealedAtImport);

        var lines = new List<(string ClaimId, SourceLocation Location)>(LookupSize);
        var linesToSkip = sealedAtImport.ListedLinesSealed;
        await foreach (var line in part.ReadClaimIdsAsync(cancellationToken))
        {
            if (linesToSkip > 0)
            {
                linesToSkip--;
                continue;
            }

            lines.Add(line);
            if (lines.Count == LookupSize)
            {
                await run.AddListedAsync(lines, cancellationToken);
                lines.Clear();
            }
        }

        await run.AddListedAsync(lines, cancellationToken);
        await run.FlushAsync(cancellationToken);

        // Claims that the part's claims.json contains but its claim_ids.txt does not list are sealed after
        // the listed ones, in ledger order, so that no imported claim stays unsealed. The listed ones are saved by
        // now, so the store leaves them out.
        var afterSequence = 0L;
        while (part.ClaimsFile is { } claimsFile)
        {
            var page = await stores.Migration.ReadUnsealedClaimsAsync(tenant, claimsFile, afterSequence, LookupSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            afterSequence = page[^1].Sequence;
            await run.AddUnlistedAsync(page, cancellationToken);
        }

        await run.FlushAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run.ToResult();
    }

    /// <summary>The batch being filled and the counts of one <see cref="SealAsync"/> call.</summary>
    private sealed class SealingRun(TenantId tenant, MigrationStores stores, ManifestSealer sealer, TransactionBatch transaction, ImportTimeSealing sealedAtImport)
    {
        private readonly List<string> _batch = new(ManifestSealer.DefaultBatchSize * ManifestsPerCall);
        private readonly HashSet<string> _inBatch = new(StringComparer.Ordinal);

        // The lookups of a group of lines run before any of the group is sealed, so the ids sealed since then
        // are tracked here. A later line that repeats one of them is skipped as already sealed.
        private readonly HashSet<string> _sealedSinceLookup = new(StringComparer.Ordinal);

        private readonly List<ListedClaim> _listedWithoutClaim = [];
        private int _claimsSealed = sealedAtImport.ClaimsSealed;
        private int _manifests = sealedAtImport.Manifests;

        /// <summary>Adds the claims named by a group of <c>claim_ids.txt</c> lines, in line order.</summary>
        public async Task AddListedAsync(List<(string ClaimId, SourceLocation Location)> lines, CancellationToken cancellationToken)
        {
            if (lines.Count == 0)
            {
                return;
            }

            var ids = new HashSet<string>(lines.Count, StringComparer.Ordinal);
            foreach (var (claimId, _) in lines)
            {
                ids.Add(claimId);
            }

            var existing = await stores.Ledger.FindExistingAsync(tenant, ids, cancellationToken);
            var unsealed = await stores.Manifests.FindUnsealedAsync(tenant, existing.ToList(), cancellationToken);
            _sealedSinceLookup.Clear();

            foreach (var (claimId, location) in lines)
            {
                if (_inBatch.Contains(claimId))
                {
                    continue;
                }

                if (!existing.Contains(claimId))
                {
                    _listedWithoutClaim.Add(new ListedClaim(claimId, location));
                    continue;
                }

                if (!unsealed.Contains(claimId) || _sealedSinceLookup.Contains(claimId))
                {
                    continue;
                }

                await AddAsync(claimId, cancellationToken);
            }
        }

        /// <summary>Adds a page of unsealed claims, in ledger order.</summary>
        public async Task AddUnlistedAsync(IReadOnlyList<LedgerPosition> page, CancellationToken cancellationToken)
        {
            foreach (var position in page)
            {
                await AddAsync(position.ClaimId, cancellationToken);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_batch.Count == 0)
            {
                return;
            }

            IReadOnlyList<SealedManifest> created;
            try
            {
                // Without a unit of work the manifest store joins the open transaction of the group.
                created = await sealer.SealAsync(tenant, _batch, ManifestSealer.DefaultBatchSize, unitOfWork: null, cancellationToken);
            }
            catch (Exception ex) when (ex is IntegrityException or NotFoundException)
            {
                // These are raised before anything of the batch is written, so the manifests sealed before it
                // are kept, as they would be with one transaction per manifest.
                await transaction.CommitAsync(cancellationToken);
                throw;
            }

            _claimsSealed += created.Sum(m => m.TreeSize);
            _manifests += created.Count;
            await transaction.CountAsync(created.Sum(m => m.TreeSize), cancellationToken);

            _sealedSinceLookup.UnionWith(_batch);
            _batch.Clear();
            _inBatch.Clear();
        }

        public PartSealing ToResult() => new(_manifests, _claimsSealed, _listedWithoutClaim);

        private async Task AddAsync(string claimId, CancellationToken cancellationToken)
        {
            _batch.Add(claimId);
            _inBatch.Add(claimId);
            if (_batch.Count == ManifestSealer.DefaultBatchSize * ManifestsPerCall)
            {
                await FlushAsync(cancellationToken);
            }
        }
    }
}

/// <summary>What sealing one export part did.</summary>
/// <param name="ListedWithoutClaim">Lines of claim_ids.txt naming a claim the ledger does not hold.</param>
internal sealed record PartSealing(int Manifests, int ClaimsSealed, IReadOnlyList<ListedClaim> ListedWithoutClaim);

/// <summary>A claim id as a line of claim_ids.txt lists it.</summary>
public sealed record ListedClaim(string ClaimId, SourceLocation Location);
