using IntelGraph.Migration.Importing;
using IntelGraph.Migration.Sources;
using IntelGraph.Migration.Storage;

namespace IntelGraph.Migration;

/// <summary>
/// The rule for claim_ids.txt that a migration and a reconciliation share: a listed claim must be in the ledger or in
/// the quarantine, and each quarantined claim of the part without a readable id explains one listed line.
/// </summary>
/// <remarks>
/// A claim quarantined as unparsable may have no readable id, and claim_ids.txt then lists whatever the old stack wrote
/// for it (jq writes "null"), which matches nothing.
/// </remarks>
internal sealed class ListedClaimCheck
{
    private const int MaxExamples = 5;

    private readonly string _partName;
    private readonly HashSet<string> _quarantinedIds;
    private readonly int _unreadableClaims;
    private readonly List<string> _examples = [];
    private int _unexplained;

    public ListedClaimCheck(ExportPartSource part, IReadOnlyList<QuarantinedRecord> quarantine)
    {
        _partName = part.Name;
        _quarantinedIds = quarantine
            .Where(q => q.Table == SourceTables.Claims && q.RecordId is not null)
            .Select(q => q.RecordId!)
            .ToHashSet(StringComparer.Ordinal);
        _unreadableClaims = quarantine.Count(q => q.Table == SourceTables.Claims && q.RecordId is null && q.Location.File == part.ClaimsFile);
    }

    /// <summary>Returns whether the quarantine explains a listed claim, so that it needs no lookup in the ledger.</summary>
    public bool IsQuarantined(string claimId) => _quarantinedIds.Contains(claimId);

    /// <summary>Counts a listed line whose claim is not in the ledger, unless the quarantine explains it.</summary>
    public void CountNotInLedger(ListedClaim listed)
    {
        if (IsQuarantined(listed.ClaimId))
        {
            return;
        }

        _unexplained++;
        if (_examples.Count < MaxExamples)
        {
            _examples.Add($"{listed.ClaimId} ({listed.Location})");
        }
    }

    /// <summary>The problem to report once every listed line is counted, or null when every line is explained.</summary>
    public string? Problem => _unexplained > _unreadableClaims
        ? $"{_partName}: claim_ids.txt lists {_unexplained} claim(s) that are neither in the ledger nor quarantined, for example {string.Join(", ", _examples)}."
        : null;
}
