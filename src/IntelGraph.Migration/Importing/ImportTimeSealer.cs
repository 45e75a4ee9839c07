using IntelGraph.Core;
using IntelGraph.Ledger;
using IntelGraph.Ledger.Manifests;
using IntelGraph.Migration.Sources;

namespace IntelGraph.Migration.Importing;

/// <summary>
/// Seals a part's claims while they are imported, for as long as <c>claims.json</c> brings them in
/// <c>claim_ids.txt</c> order, from the digests the importer has just computed. Sealing then needs no
/// store reads, and <see cref="PartManifestSealer"/> only seals what is left after these lines.
/// </summary>
/// <remarks>
/// Only whole batches of consecutive lines from the start of the listing are sealed here, and each of their
/// lines names the claim that this run appended at that point. Such claims exist, are unsealed and do not
/// repeat, so <see cref="PartManifestSealer"/> would put exactly these lines into its first batches: the
/// manifests, and therefore the roots, are the same either way. At the first appended claim that is not the
/// next line's, this sealer stops for good. Records that were not appended (duplicates, records of an earlier
/// run, quarantined records) are passed over, since they consume no line.
/// </remarks>
internal sealed class ImportTimeSealer : IAsyncDisposable
{
    private readonly AppendedClaimSealer _sealer;
    private readonly IAsyncEnumerator<(string ClaimId, SourceLocation Location)> _listing;
    private readonly List<ManifestLeaf> _batch = new(ManifestSealer.DefaultBatchSize);
    private int _linesSealed;
    private bool _stopped;

    public ImportTimeSealer(ManifestSealer sealer, TenantId tenant, ExportPartSource part, CancellationToken cancellationToken)
    {
        _sealer = sealer.StartAppended(tenant);
        _listing = part.ReadClaimIdsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Takes a run of claims as the importer stored them, with where each one went, in source order.</summary>
    public async Task OfferAsync(IReadOnlyList<DigestedClaim> run, IReadOnlyList<ImportOutcome> outcomes, CancellationToken cancellationToken)
    {
        for (var i = 0; i < run.Count && !_stopped; i++)
        {
            if (outcomes[i] != ImportOutcome.Imported)
            {
                continue;
            }

            var claimId = run[i].Record.Value!.Id;
            if (!await _listing.MoveNextAsync() || !string.Equals(_listing.Current.ClaimId, claimId, StringComparison.Ordinal))
            {
                // The lines of the open batch stay unsealed, for PartManifestSealer to seal in listing order.
                _stopped = true;
                _batch.Clear();
                return;
            }

            _batch.Add(new ManifestLeaf(claimId, run[i].Digest!));
            if (_batch.Count == ManifestSealer.DefaultBatchSize)
            {
                await _sealer.SealAsync(_batch.ToArray(), cancellationToken);
                _linesSealed += _batch.Count;
                _batch.Clear();
            }
        }
    }

    /// <summary>
    /// Saves the manifests still queued for sealing and returns what was sealed. The lines of an unfinished batch are left
    /// unsealed: a batch is sealed here only when it is known to be whole.
    /// </summary>
    public async Task<ImportTimeSealing> FinishAsync(CancellationToken cancellationToken)
    {
        await _sealer.FlushAsync(cancellationToken);
        _batch.Clear();
        return new ImportTimeSealing(_sealer.ManifestsSaved, _sealer.ClaimsSealed, _linesSealed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _listing.DisposeAsync();
        }
        finally
        {
            // The sealer waits for a seal still running before it disposes the key, so it must run even when the listing fails to close.
            await _sealer.DisposeAsync();
        }
    }
}

/// <summary>The counts of manifests, claims and listing lines that <see cref="ImportTimeSealer"/> sealed.</summary>
/// <param name="ListedLinesSealed">
/// The number of <c>claim_ids.txt</c> entries, counted from the first, whose claims these manifests seal.
/// </param>
internal sealed record ImportTimeSealing(int Manifests, int ClaimsSealed, int ListedLinesSealed)
{
    public static readonly ImportTimeSealing None = new(0, 0, 0);
}
