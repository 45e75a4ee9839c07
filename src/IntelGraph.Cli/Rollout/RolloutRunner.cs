using System.Text;
using IntelGraph.Flags.Audit;
using IntelGraph.Flags.Model;
using IntelGraph.Flags.Rollout;
using IntelGraph.Flags.Yaml;

namespace IntelGraph.Cli.Rollout;

/// <summary>The options of one <c>intelgraph rollout</c> run.</summary>
/// <param name="SoakOverride">Replaces every step's soak when given.</param>
/// <param name="OnlyStep">Runs only this 1-based step when given; every earlier step must be completed.</param>
internal sealed record RolloutSettings(
    string PlanPath,
    string FlagsPath,
    string? AuditPath,
    string StatePath,
    string ChangedBy,
    TimeSpan? SoakOverride,
    TimeSpan PollInterval,
    int? OnlyStep);

/// <summary>A rollout that cannot start as requested, such as <c>--step 3</c> before step 2 completed.</summary>
internal sealed class RolloutRejectedException(string message) : IntelGraph.Core.IntelGraphException(message);

/// <summary>
/// Applies a rollout plan's steps to a flags file one at a time. Each step is written the way
/// <c>flags set</c> writes (audit entries first), soaked while the metrics are read, and kept when
/// every reading stayed within the plan's thresholds. Otherwise the flags file is restored byte for
/// byte and the run stops. Every decision is appended to the state log.
/// </summary>
internal sealed class RolloutRunner(
    RolloutPlan plan,
    RolloutSettings settings,
    IRolloutMetricsSource metrics,
    RolloutStateLog state,
    TimeProvider timeProvider,
    RolloutProgress progress)
{
    private readonly string _planPath = Path.GetFullPath(settings.PlanPath);
    private readonly string _flagsPath = Path.GetFullPath(settings.FlagsPath);

    public async Task<RolloutOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var latest = await LatestEntriesAsync(cancellationToken);
        var selected = SelectSteps(latest);
        if (selected.Count == 0)
        {
            await progress.NothingToDoAsync(plan.Steps.Count);
            return new RolloutOutcome(RolloutResult.NothingToDo, []);
        }

        var outcomes = new List<StepOutcome>();
        foreach (var index in selected)
        {
            var outcome = await RunStepAsync(index, latest.GetValueOrDefault(index), cancellationToken);
            outcomes.Add(outcome);
            if (outcome.Decision == StepDecision.Reverted)
            {
                return new RolloutOutcome(RolloutResult.Halted, outcomes);
            }
        }

        return new RolloutOutcome(RolloutResult.Completed, outcomes);
    }

    /// <summary>Returns the latest state entry of each step (by 0-based index) of this plan on this flags file.</summary>
    private async Task<Dictionary<int, RolloutStateEntry>> LatestEntriesAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<int, RolloutStateEntry>();
        foreach (var entry in await state.ReadAsync(cancellationToken))
        {
            var matches = entry.Plan == _planPath && entry.FlagsFile == _flagsPath && entry.Environment == plan.Environment
                && entry.Step >= 1 && entry.Step <= plan.Steps.Count && plan.Steps[entry.Step - 1].Name == entry.Name;
            if (matches)
            {
                latest[entry.Step - 1] = entry;
            }
        }

        return latest;
    }

    private List<int> SelectSteps(Dictionary<int, RolloutStateEntry> latest)
    {
        bool Completed(int index) => latest.GetValueOrDefault(index)?.Decision == StepDecision.Completed;

        if (settings.OnlyStep is not { } number)
        {
            return Enumerable.Range(0, plan.Steps.Count).SkipWhile(Completed).ToList();
        }

        if (number > plan.Steps.Count)
        {
            throw new RolloutRejectedException($"--step {number} is out of range: the plan has {plan.Steps.Count} steps.");
        }

        var missing = Enumerable.Range(0, number - 1).Where(index => !Completed(index)).ToList();
        if (missing.Count > 0)
        {
            var first = missing[0];
            throw new RolloutRejectedException(
                $"step {number} cannot run yet: step {first + 1} ({plan.Steps[first].Name}) has not completed. Run the rollout without --step, or with --step {first + 1}.");
        }

        return [number - 1];
    }

    private async Task<StepOutcome> RunStepAsync(int index, RolloutStateEntry? previous, CancellationToken cancellationToken)
    {
        var step = plan.Steps[index];
        var soak = settings.SoakOverride ?? plan.SoakAfter(index);

        // The baseline comes first, so a metrics source that cannot be read stops the run before the flags change.
        await metrics.StartAsync(cancellationToken);

        var applied = await ApplyAsync(index, previous, cancellationToken);
        await progress.AppliedAsync(index, plan.Steps.Count, step, applied, soak, metrics.Description);

        var soakStarted = timeProvider.GetUtcNow();
        var result = await SoakAsync(index, step, soak, cancellationToken);
        var soaked = RolloutDuration.Format(timeProvider.GetUtcNow() - soakStarted);

        var decision = result.Crossed.Count == 0 ? StepDecision.Completed : StepDecision.Reverted;
        var revision = decision == StepDecision.Completed ? applied.Revision : await RevertAsync(step, applied, cancellationToken);

        await state.AppendAsync(
            new RolloutStateEntry(
                timeProvider.GetUtcNow(), decision, _planPath, plan.Environment, index + 1, step.Name, _flagsPath, revision,
                SoakStarted: soakStarted, Soaked: soaked, Reads: result.Reads, Maximum: result.Maximum, Crossed: result.Crossed, ChangedBy: settings.ChangedBy),
            cancellationToken);

        var outcome = new StepOutcome(index + 1, step.Name, decision, revision, soaked, result.Reads, result.Maximum, result.Crossed);
        await progress.DecidedAsync(index, plan.Steps.Count, outcome);
        return outcome;
    }

    /// <summary>
    /// Writes the step's settings and the plan's kept settings into the flags file, unless the state log
    /// shows this step applied by an interrupted run and the file is still as that run left it.
    /// </summary>
    private async Task<AppliedStep> ApplyAsync(int index, RolloutStateEntry? previous, CancellationToken cancellationToken)
    {
        var step = plan.Steps[index];
        var bytes = await File.ReadAllBytesAsync(_flagsPath, cancellationToken);
        var revision = FlagsRevision.Of(bytes);

        if (previous is { Decision: StepDecision.Applied, FlagsBefore: { } before } && previous.Revision == revision)
        {
            var resumed = FlagsFileReader.Parse(Strict.GetString(bytes), settings.FlagsPath, plan.Environment);
            return new AppliedStep(Strict.GetBytes(before), revision, resumed, Changed: true, Resumed: true);
        }

        var document = FlagsFileReader.Parse(Strict.GetString(bytes), settings.FlagsPath, plan.Environment);
        var metadata = new FlagsMetadata(settings.ChangedBy, $"rollout step {index + 1} {step.Name}: {step.Description}");
        var changed = document;
        foreach (var (flag, setting) in plan.Keep.Concat(step.Set))
        {
            changed = changed.WithSetting(plan.Environment, flag, setting, metadata);
        }

        var anyChange = FlagChanges.Between(FlagChanges.Flatten(document), FlagChanges.Flatten(changed)).Count > 0;
        var newRevision = revision;
        if (anyChange)
        {
            var content = Strict.GetBytes(FlagsFileWriter.Write(changed));
            newRevision = await AuditedFlagsFile.ReplaceAsync(
                _flagsPath, settings.AuditPath, content, document, settings.ChangedBy, FlagAuditEntry.SourceRollout, timeProvider.GetUtcNow(), cancellationToken);
        }

        await state.AppendAsync(
            new RolloutStateEntry(
                timeProvider.GetUtcNow(), StepDecision.Applied, _planPath, plan.Environment, index + 1, step.Name, _flagsPath, newRevision,
                FlagsBefore: Strict.GetString(bytes), ChangedBy: settings.ChangedBy),
            cancellationToken);

        return new AppliedStep(bytes, newRevision, anyChange ? changed : document, anyChange, Resumed: false);
    }

    /// <summary>Reads the metrics every poll interval until the soak ends or a reading crosses a threshold.</summary>
    private async Task<SoakResult> SoakAsync(int index, RolloutStep step, TimeSpan soak, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        var end = started + soak;
        var maximum = MetricsMaximum.Empty;
        var reads = 0;
        string? failure = null;

        while (true)
        {
            var remaining = end - timeProvider.GetUtcNow();
            var wait = remaining < settings.PollInterval ? remaining : settings.PollInterval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }

            try
            {
                var reading = await metrics.ReadAsync(plan.Window, step.Monitor, cancellationToken);
                reads++;
                failure = null;
                maximum = maximum.Include(reading);

                var crossed = ThresholdCheck.Crossings(reading, plan.Thresholds);
                await progress.ReadingAsync(index, plan.Steps.Count, reading.At - started, soak, reading, crossed);
                if (crossed.Count > 0)
                {
                    return new SoakResult(reads, maximum, crossed);
                }
            }
            catch (MetricsUnavailableException ex)
            {
                // One failed read is not a reason to revert, because the step is judged by the reads that succeed.
                failure = ex.Message;
                await progress.ReadFailedAsync(index, plan.Steps.Count, ex.Message);
            }

            if (timeProvider.GetUtcNow() >= end)
            {
                break;
            }
        }

        // A step is kept only when its last reading, at the end of the soak, showed every value within its limit.
        return failure is null
            ? new SoakResult(reads, maximum, [])
            : new SoakResult(reads, maximum, [$"the metrics could not be read at the end of the soak: {failure}"]);
    }

    /// <summary>Restores the flags file's bytes from before the step, recording the change in the audit log, and returns the restored revision.</summary>
    private async Task<string> RevertAsync(RolloutStep step, AppliedStep applied, CancellationToken cancellationToken)
    {
        var current = await File.ReadAllBytesAsync(_flagsPath, cancellationToken);
        var originalRevision = FlagsRevision.Of(applied.Before);
        if (current.AsSpan().SequenceEqual(applied.Before))
        {
            return originalRevision;
        }

        if (FlagsRevision.Of(current) != applied.Revision)
        {
            await progress.WarnAsync($"{settings.FlagsPath} changed while step {step.Name} soaked (revision {FlagsRevision.Of(current)}); that change is undone too.");
        }

        // The audit entries compare with what the file contains now. A file that someone broke during the soak is compared as the step left it.
        FlagsDocument currentDocument;
        try
        {
            currentDocument = FlagsFileReader.Parse(Strict.GetString(current), settings.FlagsPath);
        }
        catch (Exception ex) when (ex is FlagsFileException or DecoderFallbackException)
        {
            currentDocument = applied.Applied;
        }

        return await AuditedFlagsFile.ReplaceAsync(
            _flagsPath, settings.AuditPath, applied.Before, currentDocument, settings.ChangedBy, FlagAuditEntry.SourceRollout, timeProvider.GetUtcNow(), cancellationToken);
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="Before">The flags file's bytes before the step, which a revert writes back.</param>
    /// <param name="Applied">The flags document the step left in the file.</param>
    /// <param name="Changed">False when the file already had every setting of the step, so nothing was written.</param>
    /// <param name="Resumed">True when an interrupted run had applied the step and this run soaks it again.</param>
    internal sealed record AppliedStep(byte[] Before, string Revision, FlagsDocument Applied, bool Changed, bool Resumed);

    private sealed record SoakResult(int Reads, MetricsMaximum Maximum, IReadOnlyList<string> Crossed);
}

internal enum RolloutResult
{
    Completed,
    Halted,
    NothingToDo,
}

/// <summary>The end of a rollout run, as <c>--json</c> writes it.</summary>
internal sealed record RolloutOutcome(RolloutResult Result, IReadOnlyList<StepOutcome> Steps);

/// <summary>What a run did with one step.</summary>
internal sealed record StepOutcome(
    int Step,
    string Name,
    StepDecision Decision,
    string Revision,
    string Soaked,
    int Reads,
    MetricsMaximum Maximum,
    IReadOnlyList<string> Crossed);
