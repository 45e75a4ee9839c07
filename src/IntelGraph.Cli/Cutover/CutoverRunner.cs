using System.Globalization;
using IntelGraph.Cli.Commands.Release;
using IntelGraph.Core;
using IntelGraph.Edge;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;
using IntelGraph.Release.Target;
using IntelGraph.Storage;

namespace IntelGraph.Cli.Cutover;

/// <summary>
/// Runs the cutover window against two live deployments. It presyncs while writes flow, freezes both
/// sides, backs them up, exports and applies what changed on the old side, and verifies. Then it switches
/// the edge, smokes the new side, unfreezes it and watches it. Every step is recorded in the timeline
/// before the next begins, and every step may run twice, so a killed run resumes where it stopped.
/// </summary>
internal sealed class CutoverRunner(
    CutoverPlan plan,
    string changedBy,
    SideApi from,
    SideApi to,
    EdgeAdminClient edge,
    IReadOnlyList<ClientCredential> clients,
    CutoverTimeline timeline,
    TimeProvider timeProvider,
    TextWriter progress,
    bool interactive)
{
    /// <summary>The most presync rounds, the first of which copies everything.</summary>
    private const int MaxPresyncRounds = 4;

    /// <summary>A presync round that carries at most this many records is the last.</summary>
    private const int SmallDelta = 20;

    private static readonly CutoverStep[] _steps = Enum.GetValues<CutoverStep>();

    private readonly Dictionary<CutoverStep, TimelineEntry> _done = [];

    public async Task<CutoverReport> RunAsync(CancellationToken cancellationToken)
    {
        var entries = await timeline.ReadAsync(cancellationToken);
        if (entries.LastOrDefault(entry => entry.Event == TimelineEntry.Ended) is { } ended)
        {
            await progress.WriteLineAsync($"This run already ended ({Name(ended.Outcome!.Value)}) at {ended.At:O}: {ended.Detail}. Give a new run folder to cut over again.");
            return Report(entries, resumed: true);
        }

        foreach (var entry in entries.Where(entry => entry.Event == TimelineEntry.Done))
        {
            _done[entry.Step!.Value] = entry;
        }

        var resumed = entries.Count > 0;
        if (resumed)
        {
            await progress.WriteLineAsync($"Resuming the cutover in {plan.RunFolder}: {_done.Count} of {_steps.Length} steps are done.");
        }
        else
        {
            await CheckEdgeAsync(cancellationToken);
        }

        // A failed step recorded its recovery, and a run killed during that recovery finishes it first.
        if (entries.LastOrDefault(entry => entry.Event == TimelineEntry.Failed) is { Outcome: { } pending } failed)
        {
            await RecoverAsync(pending, failed.Detail ?? "an earlier run failed", cancellationToken);
            return Report(await timeline.ReadAsync(cancellationToken), resumed);
        }

        foreach (var step in _steps.Where(step => !_done.ContainsKey(step)))
        {
            await timeline.AppendAsync(new TimelineEntry(timeProvider.GetUtcNow(), TimelineEntry.Started, step), cancellationToken);
            await progress.WriteLineAsync($"{timeProvider.GetUtcNow():HH:mm:ss.fff}  {Name(step),-9} started");
            var started = timeProvider.GetTimestamp();

            var result = await RunStepAsync(step, cancellationToken);
            var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
            if (result.Recovery is { } recovery)
            {
                await timeline.AppendAsync(new TimelineEntry(timeProvider.GetUtcNow(), TimelineEntry.Failed, step, seconds, result.Detail, result.Data, recovery), cancellationToken);
                await WriteStepAsync(step, "FAILED", seconds, result.Detail);
                await RecoverAsync(recovery, result.Detail, cancellationToken);
                return Report(await timeline.ReadAsync(cancellationToken), resumed);
            }

            var done = new TimelineEntry(timeProvider.GetUtcNow(), TimelineEntry.Done, step, seconds, result.Detail, result.Data);
            await timeline.AppendAsync(done, cancellationToken);
            _done[step] = done;
            await WriteStepAsync(step, "done", seconds, result.Detail);
        }

        await timeline.AppendAsync(new TimelineEntry(timeProvider.GetUtcNow(), TimelineEntry.Ended, Detail: $"traffic is on the {to.Side.Name} side and writes are open", Outcome: CutoverOutcome.Completed), cancellationToken);
        return Report(await timeline.ReadAsync(cancellationToken), resumed);
    }

    /// <summary>
    /// Checks, before a new run changes anything, that the edge sends traffic to the plan's old side. A plan
    /// whose sides are the wrong way round would copy a stale side over and, on rollback, send users to it.
    /// </summary>
    private async Task CheckEdgeAsync(CancellationToken cancellationToken)
    {
        var state = await edge.GetStateAsync(cancellationToken);
        if (state.Active != from.Side.Name)
        {
            throw new CutoverException(
                $"The edge at {plan.Edge} sends traffic to {state.Active}, but the plan moves it from {from.Side.Name} to {to.Side.Name}. Nothing was changed. Point from at {state.Active} and to at {state.Idle}, or switch the edge back first.");
        }
    }

    private Task<StepResult> RunStepAsync(CutoverStep step, CancellationToken cancellationToken) => step switch
    {
        CutoverStep.Presync => PresyncAsync(cancellationToken),
        CutoverStep.Freeze => FreezeAsync(cancellationToken),
        CutoverStep.Backup => BackupAsync(cancellationToken),
        CutoverStep.Export => ExportAsync(cancellationToken),
        CutoverStep.Apply => ApplyAsync(cancellationToken),
        CutoverStep.Verify => VerifyAsync(cancellationToken),
        CutoverStep.Switch => SwitchAsync(cancellationToken),
        CutoverStep.Smoke => SmokeAsync(cancellationToken),
        CutoverStep.Unfreeze => UnfreezeAsync(cancellationToken),
        CutoverStep.Watch => WatchAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown cutover step."),
    };

    private async Task<StepResult> PresyncAsync(CancellationToken cancellationToken)
    {
        await from.CheckOperatorAsync(cancellationToken);
        await to.CheckOperatorAsync(cancellationToken);

        var (delta, cursor) = await RecordCarrier.CarryAllAsync(from, to, cancellationToken);
        var counts = new Dictionary<string, long>(delta.Counts(), StringComparer.Ordinal);

        // Writes keep arriving during a round, so short catch-up rounds follow until a round carries little. The freeze then carries only the last few.
        var rounds = 1;
        while (rounds < MaxPresyncRounds && Size(delta) > SmallDelta)
        {
            (delta, cursor) = await RecordCarrier.CarrySinceAsync(from, to, cursor, cancellationToken);
            foreach (var (kind, count) in delta.Counts())
            {
                counts[kind] += count;
            }

            rounds++;
        }

        return new StepResult(
            $"copied {Describe(counts)} from {from.Side.Name} to {to.Side.Name} in {rounds} round(s) while writes were open",
            Data(counts, ("cursor", cursor), ("rounds", rounds.ToString(CultureInfo.InvariantCulture))));
    }

    private async Task<StepResult> FreezeAsync(CancellationToken cancellationToken)
    {
        // The new side is frozen too, so no user writes to it before the smoke gate has passed. The exempt clients are the cutover's own.
        var exempt = clients.Select(client => client.ClientId).Distinct(StringComparer.Ordinal).ToList();
        var frozenAt = await from.FreezeAsync(plan.Banner, exempt, cancellationToken);
        await to.FreezeAsync(plan.Banner, exempt, cancellationToken);
        return new StepResult(
            $"froze writes on {from.Side.Name} and {to.Side.Name} except for {string.Join(", ", exempt)}",
            Data(new Dictionary<string, long>(), ("frozenAt", frozenAt.ToString("O", CultureInfo.InvariantCulture))));
    }

    private async Task<StepResult> BackupAsync(CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var side in new[] { from.Side, to.Side })
        {
            // A run killed mid-backup leaves a partial copy, and the backup needs an empty folder, so it starts again.
            var folder = Path.Combine(plan.RunFolder, "backups", side.Name);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            await using var session = await StoreOpener.OpenSessionAsync(StoreLocation.Resolve(side.Store), timeProvider, cancellationToken);
            var metadata = await session.BackupAsync(folder, timeProvider, cancellationToken);
            data[side.Name + "Sha256"] = metadata.Sha256;
            data[side.Name + "Bytes"] = metadata.SizeBytes.ToString(CultureInfo.InvariantCulture);
        }

        return new StepResult($"backed up both stores to {Path.Combine(plan.RunFolder, "backups")}", data);
    }

    private async Task<StepResult> ExportAsync(CancellationToken cancellationToken)
    {
        var after = _done[CutoverStep.Presync].Data?.GetValueOrDefault("cursor");
        var (claims, sourceCases, targetCases) = await RecordCarrier.ReadChangesAsync(from, to, after, cancellationToken);

        // Every claim after the cursor is exported, because appending one that the new side already has changes nothing.
        var delta = RecordDelta.Between(claims.Claims, new Dictionary<string, string>(), sourceCases, targetCases);
        var file = new DeltaFile(from.Side.Name, after, claims.Cursor, delta.Claims, DeltaFile.ChangedCases(sourceCases, delta));
        await file.WriteAsync(DeltaPath, cancellationToken);
        return new StepResult(
            $"exported {Describe(delta)} changed on {from.Side.Name} since the presync to {DeltaPath}",
            Data(delta.Counts(), ("cursor", claims.Cursor)));
    }

    private async Task<StepResult> ApplyAsync(CancellationToken cancellationToken)
    {
        var file = await DeltaFile.ReadAsync(DeltaPath, cancellationToken);
        var targetCases = await to.ReadCasesAsync(cancellationToken);
        var delta = RecordDelta.Between(file.Claims, new Dictionary<string, string>(), file.Cases, targetCases);
        var appended = await RecordCarrier.ApplyAsync(to, delta, cancellationToken);
        return new StepResult(
            $"applied {Describe(delta)} to {to.Side.Name}; {appended} claim(s) were new there",
            Data(delta.Counts(), ("appendedClaims", appended.ToString(CultureInfo.InvariantCulture))));
    }

    private async Task<StepResult> VerifyAsync(CancellationToken cancellationToken)
    {
        var (missing, claims, cases, targetOnly) = await RecordCarrier.CompareAsync(from, to, cancellationToken);
        var data = Data(missing.Counts(), ("sourceClaims", claims.ToString(CultureInfo.InvariantCulture)), ("sourceCases", cases.ToString(CultureInfo.InvariantCulture)), ("targetOnlyClaims", targetOnly.ToString(CultureInfo.InvariantCulture)));
        return missing.IsEmpty
            ? new StepResult($"{to.Side.Name} holds all {claims} claim(s) and {cases} case(s) of {from.Side.Name} with the same digests and fields ({targetOnly} claim(s) only on {to.Side.Name})", data)
            : new StepResult($"{to.Side.Name} still lacks or differs in {Describe(missing)} of {from.Side.Name}; traffic stays on {from.Side.Name}", data, CutoverOutcome.Aborted);
    }

    private async Task<StepResult> SwitchAsync(CancellationToken cancellationToken)
    {
        var status = await edge.SwitchAsync(new EdgeSwitchRequest(to.Side.Name, changedBy, $"cutover {Path.GetFileName(plan.RunFolder)}"), cancellationToken);
        return new StepResult(
            $"the edge sends new requests to {status.Active}; {status.Idle} is kept until {status.IdleRetainedUntil:O}",
            Data(new Dictionary<string, long>(), ("switchedAt", status.SwitchedAt?.ToString("O", CultureInfo.InvariantCulture))));
    }

    private async Task<StepResult> SmokeAsync(CancellationToken cancellationToken)
    {
        var evidencePath = Path.Combine(plan.RunFolder, "smoke.json");
        var context = new GateContext(
            to.Target,
            clients,
            ServerAccessPolicy.Create(),
            GateRunner.ArtifactsFolderFor(evidencePath),
            plan.RunFolder,
            timeProvider,
            new GateProgressWriter(progress, SmokeGate.Name, interactive));
        var evidence = await SmokeGate.RunAsync(context, commit: null, cancellationToken);
        var sha256 = await EvidenceFile.WriteAsync(evidencePath, evidence, cancellationToken);

        var failures = evidence.Checks.Where(check => check.Required && check.Status != CheckStatus.Pass).Select(check => check.Id).ToList();
        var data = Data(new Dictionary<string, long>(), ("evidence", evidencePath), ("sha256", sha256));
        return evidence.Status == GateStatus.Pass
            ? new StepResult($"the smoke gate passed on {to.Side.Name} (evidence {evidencePath})", data)
            : new StepResult($"the smoke gate failed on {to.Side.Name}: {string.Join(", ", failures)} (evidence {evidencePath})", data, CutoverOutcome.RolledBack);
    }

    private async Task<StepResult> UnfreezeAsync(CancellationToken cancellationToken)
    {
        // The old side stays frozen because it is idle now, and a write that reached it directly would be lost to the new side.
        await to.UnfreezeAsync(cancellationToken);
        var seconds = FrozenSeconds();
        return new StepResult(
            $"writes are open on {to.Side.Name} after {seconds:0.000} s frozen; {from.Side.Name} stays frozen while it is idle",
            Data(new Dictionary<string, long>(), ("freezeSeconds", seconds?.ToString("0.000", CultureInfo.InvariantCulture))));
    }

    private async Task<StepResult> WatchAsync(CancellationToken cancellationToken)
    {
        if (plan.Watch is not { } watch)
        {
            return new StepResult("no watch window in the plan", null);
        }

        var earlier = await to.ReadMetricsAsync(cancellationToken);
        var end = timeProvider.GetUtcNow() + watch.Window;
        var readings = 0;
        while (timeProvider.GetUtcNow() < end)
        {
            await Task.Delay(watch.Interval, timeProvider, cancellationToken);
            var later = await to.ReadMetricsAsync(cancellationToken);
            var reading = RollbackWatchReading.Between(earlier, later, watch.PricePerCpuSecond);
            readings++;
            if (interactive)
            {
                await progress.WriteLineAsync($"  watch {readings}: {reading}");
            }

            if (reading.Crossed(watch) is { Count: > 0 } crossed)
            {
                return new StepResult($"{to.Side.Name} regressed: {string.Join("; ", crossed)}", Data(new Dictionary<string, long>(), ("reading", reading.ToString())), CutoverOutcome.RolledBack);
            }

            earlier = later;
        }

        return new StepResult($"{readings} reading(s) over {watch.Window.TotalSeconds:0} s stayed within the thresholds", null);
    }

    /// <summary>Brings the deployment back to the old side after a failed step. Every action may run twice, so a killed recovery resumes.</summary>
    private async Task RecoverAsync(CutoverOutcome outcome, string reason, CancellationToken cancellationToken)
    {
        string detail;
        if (outcome == CutoverOutcome.Aborted)
        {
            // Traffic never moved, so the old side has every write. The new side stays frozen until a new run.
            await from.UnfreezeAsync(cancellationToken);
            detail = $"aborted before the switch: {reason}; writes are open on {from.Side.Name} again";
        }
        else
        {
            var carried = string.Empty;
            if (_done.ContainsKey(CutoverStep.Unfreeze))
            {
                // Users wrote to the new side after its unfreeze, so it is frozen and their writes are carried back first.
                var exempt = clients.Select(client => client.ClientId).Distinct(StringComparer.Ordinal).ToList();
                await to.FreezeAsync(plan.Banner, exempt, cancellationToken);
                var (delta, _) = await RecordCarrier.CarryAllAsync(to, from, cancellationToken);
                var (missing, _, _, _) = await RecordCarrier.CompareAsync(to, from, cancellationToken);
                if (!missing.IsEmpty)
                {
                    throw new CutoverException(
                        $"Carrying the writes of {to.Side.Name} back to {from.Side.Name} left {Describe(missing)} behind; traffic stays on {to.Side.Name}, which is frozen. Run the same cutover again to retry.");
                }

                carried = $"; carried {Describe(delta)} back to {from.Side.Name}";
            }

            var state = await edge.GetStateAsync(cancellationToken);
            if (state.Active == to.Side.Name)
            {
                await edge.RollbackAsync(new EdgeRollbackRequest(changedBy, $"cutover {Path.GetFileName(plan.RunFolder)}: {reason}"), cancellationToken);
            }

            await from.UnfreezeAsync(cancellationToken);
            detail = $"rolled back: {reason}{carried}; traffic is on {from.Side.Name} and its writes are open";
        }

        await timeline.AppendAsync(new TimelineEntry(timeProvider.GetUtcNow(), TimelineEntry.Ended, Detail: detail, Outcome: outcome), cancellationToken);
        await progress.WriteLineAsync($"{timeProvider.GetUtcNow():HH:mm:ss.fff}  {detail}");
    }

    private string DeltaPath => Path.Combine(plan.RunFolder, DeltaFile.FileName);

    private double? FrozenSeconds() =>
        _done.TryGetValue(CutoverStep.Freeze, out var freeze) && freeze.Data?.GetValueOrDefault("frozenAt") is { } text
            ? (timeProvider.GetUtcNow() - DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).TotalSeconds
            : null;

    private Task WriteStepAsync(CutoverStep step, string status, double seconds, string detail) =>
        progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{timeProvider.GetUtcNow():HH:mm:ss.fff}  {Name(step),-9} {status} in {seconds:0.000} s: {detail}"));

    private CutoverReport Report(IReadOnlyList<TimelineEntry> entries, bool resumed) => CutoverReport.From(plan, timeline.Path, entries, resumed);

    private static Dictionary<string, string> Data(IReadOnlyDictionary<string, long> counts, params (string Key, string? Value)[] values)
    {
        var data = counts.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }

    private static string Describe(RecordDelta delta) => Describe(delta.Counts());

    /// <summary>Describes the non-zero counts of <see cref="RecordDelta.Counts"/> in words for the operator, such as "1 new case, 3 claims".</summary>
    internal static string Describe(IReadOnlyDictionary<string, long> counts)
    {
        var parts = counts.Where(pair => pair.Value > 0).Select(pair => $"{pair.Value} {KindInWords(pair.Key, pair.Value)}").ToList();
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    /// <summary>Turns a plural camel-case kind such as <c>newCases</c> into "new cases", or "new case" for a count of one.</summary>
    private static string KindInWords(string kind, long count)
    {
        var words = string.Concat(kind.Select(letter => char.IsUpper(letter) ? " " + char.ToLowerInvariant(letter) : letter.ToString()));
        return count == 1 && words.EndsWith('s') ? words[..^1] : words;
    }

    private static long Size(RecordDelta delta) => delta.Counts().Values.Sum();

    internal static string Name(CutoverStep step) => step.ToString().ToLowerInvariant();

    internal static string Name(CutoverOutcome outcome) => outcome switch
    {
        CutoverOutcome.Completed => "completed",
        CutoverOutcome.RolledBack => "rolled back",
        _ => "aborted",
    };

    /// <param name="Recovery">Set when the step failed in a way that ends the cutover: how to bring the deployment back.</param>
    private sealed record StepResult(string Detail, IReadOnlyDictionary<string, string>? Data, CutoverOutcome? Recovery = null);
}
