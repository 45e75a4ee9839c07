namespace IntelGraph.Cli.Cutover;

/// <summary>
/// What one side has that the other lacks or has in another form: the claims to append and the cases,
/// tasks and report metadata to create or update. Nothing is ever deleted, because the ledger is
/// append-only and the API deletes no case, task or report.
/// </summary>
/// <param name="ConflictingClaims">Claims whose id the target has with another digest. They cannot be carried, so they stop the cutover.</param>
internal sealed record RecordDelta(
    IReadOnlyList<CarriedClaim> Claims,
    IReadOnlyList<string> ConflictingClaims,
    IReadOnlyList<CarriedCase> NewCases,
    IReadOnlyList<CarriedCase> ChangedCases,
    IReadOnlyList<(string CaseId, CarriedTask Task)> NewTasks,
    IReadOnlyList<(string CaseId, CarriedTask Task)> ChangedTasks,
    IReadOnlyList<(string CaseId, CarriedReport Report)> NewReports,
    IReadOnlyList<(string CaseId, CarriedReport Report)> ChangedReports)
{
    public bool IsEmpty =>
        Claims.Count == 0 && ConflictingClaims.Count == 0 && NewCases.Count == 0 && ChangedCases.Count == 0
        && NewTasks.Count == 0 && ChangedTasks.Count == 0 && NewReports.Count == 0 && ChangedReports.Count == 0;

    /// <summary>Counts for the timeline, one per kind of change.</summary>
    public IReadOnlyDictionary<string, long> Counts() => new SortedDictionary<string, long>(StringComparer.Ordinal)
    {
        ["claims"] = Claims.Count,
        ["conflictingClaims"] = ConflictingClaims.Count,
        ["newCases"] = NewCases.Count,
        ["changedCases"] = ChangedCases.Count,
        ["newTasks"] = NewTasks.Count + NewCases.Sum(record => record.Tasks.Count),
        ["changedTasks"] = ChangedTasks.Count,
        ["newReports"] = NewReports.Count + NewCases.Sum(record => record.Reports.Count),
        ["changedReports"] = ChangedReports.Count,
    };

    /// <summary>Compares the records of the source with those of the target.</summary>
    /// <param name="targetClaims">The target's claims that could match <paramref name="sourceClaims"/>, by id with their digests.</param>
    public static RecordDelta Between(
        IReadOnlyList<CarriedClaim> sourceClaims,
        IReadOnlyDictionary<string, string> targetClaims,
        IReadOnlyList<CarriedCase> sourceCases,
        IReadOnlyList<CarriedCase> targetCases)
    {
        var claims = new List<CarriedClaim>();
        var conflicts = new List<string>();
        foreach (var claim in sourceClaims)
        {
            if (!targetClaims.TryGetValue(claim.Id, out var digest))
            {
                claims.Add(claim);
            }
            else if (!string.Equals(digest, claim.Digest, StringComparison.Ordinal))
            {
                conflicts.Add(claim.Id);
            }
        }

        var target = targetCases.ToDictionary(record => record.Id, StringComparer.Ordinal);
        var newCases = new List<CarriedCase>();
        var changedCases = new List<CarriedCase>();
        var newTasks = new List<(string, CarriedTask)>();
        var changedTasks = new List<(string, CarriedTask)>();
        var newReports = new List<(string, CarriedReport)>();
        var changedReports = new List<(string, CarriedReport)>();
        foreach (var record in sourceCases)
        {
            if (!target.TryGetValue(record.Id, out var copy))
            {
                newCases.Add(record);
                continue;
            }

            if (!record.SameFieldsAs(copy))
            {
                changedCases.Add(record);
            }

            Compare(record.Id, record.Tasks, copy.Tasks, task => task.Id, newTasks, changedTasks);
            Compare(record.Id, record.Reports, copy.Reports, report => report.Id, newReports, changedReports);
        }

        return new RecordDelta(claims, conflicts, newCases, changedCases, newTasks, changedTasks, newReports, changedReports);
    }

    private static void Compare<T>(
        string caseId,
        IReadOnlyList<T> source,
        IReadOnlyList<T> target,
        Func<T, string> idOf,
        List<(string, T)> added,
        List<(string, T)> changed)
    {
        var copies = target.ToDictionary(idOf, StringComparer.Ordinal);
        foreach (var item in source)
        {
            if (!copies.TryGetValue(idOf(item), out var copy))
            {
                added.Add((caseId, item));
            }
            else if (!EqualityComparer<T>.Default.Equals(item, copy))
            {
                changed.Add((caseId, item));
            }
        }
    }
}
