using IntelGraph.Core;

namespace IntelGraph.Cli.Cutover;

/// <summary>Applies a <see cref="RecordDelta"/> to a side through its API, in an order its checks accept: a case before its tasks and reports.</summary>
internal static class RecordCarrier
{
    /// <returns>How many claims were new on the target. The target already had the rest.</returns>
    /// <exception cref="IntegrityException">The target has a claim id with another digest.</exception>
    public static async Task<int> ApplyAsync(SideApi target, RecordDelta delta, CancellationToken cancellationToken)
    {
        if (delta.ConflictingClaims.Count > 0)
        {
            throw new IntegrityException(
                $"The {target.Side.Name} side has {delta.ConflictingClaims.Count} claim(s) with the same id and another digest, such as '{delta.ConflictingClaims[0]}'. The ledger is append-only, so the cutover cannot carry them; find out which side is right before going on.");
        }

        var appended = 0;
        foreach (var claim in delta.Claims)
        {
            appended += await target.AppendClaimAsync(claim, cancellationToken) ? 1 : 0;
        }

        foreach (var record in delta.NewCases)
        {
            await target.CreateCaseAsync(record, cancellationToken);
            foreach (var task in record.Tasks)
            {
                await target.CreateTaskAsync(record.Id, task, cancellationToken);
            }

            foreach (var report in record.Reports)
            {
                await target.CreateReportAsync(record.Id, report, cancellationToken);
            }
        }

        foreach (var record in delta.ChangedCases)
        {
            await target.UpdateCaseAsync(record, cancellationToken);
        }

        foreach (var (caseId, task) in delta.NewTasks)
        {
            await target.CreateTaskAsync(caseId, task, cancellationToken);
        }

        foreach (var (caseId, task) in delta.ChangedTasks)
        {
            await target.UpdateTaskAsync(caseId, task, cancellationToken);
        }

        foreach (var (caseId, report) in delta.NewReports)
        {
            await target.CreateReportAsync(caseId, report, cancellationToken);
        }

        foreach (var (caseId, report) in delta.ChangedReports)
        {
            await target.UpdateReportAsync(caseId, report, cancellationToken);
        }

        return appended;
    }

    /// <summary>Reads both sides whole and carries everything of the source that the target lacks or has in another form.</summary>
    /// <returns>The delta that was applied, and the source's ledger cursor after its last claim.</returns>
    public static async Task<(RecordDelta Delta, string? Cursor)> CarryAllAsync(SideApi source, SideApi target, CancellationToken cancellationToken)
    {
        var (sourceClaims, targetClaims, sourceCases, targetCases) = await ReadBothAsync(source, target, cancellationToken);

        var delta = RecordDelta.Between(sourceClaims.Claims, Digests(targetClaims), sourceCases, targetCases);
        await ApplyAsync(target, delta, cancellationToken);
        return (delta, sourceClaims.Cursor);
    }

    /// <summary>Carries the source's claims appended after <paramref name="after"/> and every case that differs on the target.</summary>
    /// <returns>The delta that was applied, and the source's ledger cursor after its last claim.</returns>
    public static async Task<(RecordDelta Delta, string? Cursor)> CarrySinceAsync(SideApi source, SideApi target, string? after, CancellationToken cancellationToken)
    {
        var (claims, sourceCases, targetCases) = await ReadChangesAsync(source, target, after, cancellationToken);

        // Every claim after the cursor is sent, because appending one that the target already has changes nothing.
        var delta = RecordDelta.Between(claims.Claims, new Dictionary<string, string>(), sourceCases, targetCases);
        await ApplyAsync(target, delta, cancellationToken);
        return (delta, claims.Cursor);
    }

    /// <summary>Reads, at once, the source's claims after <paramref name="after"/> and the cases of both sides.</summary>
    public static async Task<(ClaimRead Claims, IReadOnlyList<CarriedCase> SourceCases, IReadOnlyList<CarriedCase> TargetCases)> ReadChangesAsync(
        SideApi source, SideApi target, string? after, CancellationToken cancellationToken)
    {
        var claims = source.ReadClaimsAsync(after, cancellationToken);
        var sourceCases = source.ReadCasesAsync(cancellationToken);
        var targetCases = target.ReadCasesAsync(cancellationToken);
        await Task.WhenAll(claims, sourceCases, targetCases);
        return (await claims, await sourceCases, await targetCases);
    }

    /// <summary>Reads both sides whole and returns what the target still lacks; empty when the target has everything the source has.</summary>
    public static async Task<(RecordDelta Missing, int SourceClaims, int SourceCases, int TargetOnlyClaims)> CompareAsync(
        SideApi source, SideApi target, CancellationToken cancellationToken)
    {
        var (sourceClaims, targetClaims, sourceCases, targetCases) = await ReadBothAsync(source, target, cancellationToken);

        var missing = RecordDelta.Between(sourceClaims.Claims, Digests(targetClaims), sourceCases, targetCases);
        var sourceIds = sourceClaims.Claims.Select(claim => claim.Id).ToHashSet(StringComparer.Ordinal);
        var targetOnly = targetClaims.Claims.Count(claim => !sourceIds.Contains(claim.Id));
        return (missing, sourceClaims.Claims.Count, sourceCases.Count, targetOnly);
    }

    /// <summary>Reads the claims and cases of both sides at once, because the freeze lasts as long as the reads.</summary>
    private static async Task<(ClaimRead SourceClaims, ClaimRead TargetClaims, IReadOnlyList<CarriedCase> SourceCases, IReadOnlyList<CarriedCase> TargetCases)> ReadBothAsync(
        SideApi source, SideApi target, CancellationToken cancellationToken)
    {
        var sourceClaims = source.ReadClaimsAsync(null, cancellationToken);
        var targetClaims = target.ReadClaimsAsync(null, cancellationToken);
        var sourceCases = source.ReadCasesAsync(cancellationToken);
        var targetCases = target.ReadCasesAsync(cancellationToken);
        await Task.WhenAll(sourceClaims, targetClaims, sourceCases, targetCases);
        return (await sourceClaims, await targetClaims, await sourceCases, await targetCases);
    }

    private static Dictionary<string, string> Digests(ClaimRead read) =>
        read.Claims.ToDictionary(claim => claim.Id, claim => claim.Digest, StringComparer.Ordinal);
}
