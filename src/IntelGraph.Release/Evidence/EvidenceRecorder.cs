namespace IntelGraph.Release.Evidence;

/// <summary>
/// Collects a gate's checks as they run, timing each one, and builds the evidence at the end. A check
/// that throws an unexpected <see cref="HttpRequestException"/> or <see cref="IOException"/> is recorded
/// as failed with the error's message, so one broken step never hides the results of the others.
/// </summary>
public sealed class EvidenceRecorder(string gate, string? target, TimeProvider timeProvider, IGateProgress progress)
{
    private readonly List<GateCheck> _checks = [];
    private readonly Dictionary<string, string> _inputs = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();

    public IReadOnlyList<GateCheck> Checks => _checks;

    public void Input(string name, string value) => _inputs[name] = value;

    /// <summary>Runs one check and records its outcome; the body returns the status, the detail and any measured data.</summary>
    public async Task<CheckOutcome> RunAsync(string id, string title, bool required, Func<Task<CheckOutcome>> body)
    {
        progress.CheckStarted(id, title);
        var startedAt = timeProvider.GetUtcNow();
        CheckOutcome outcome;
        try
        {
            outcome = await body().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            outcome = CheckOutcome.Fail($"The request to the target failed: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            outcome = CheckOutcome.Fail($"The request to the target timed out: {ex.Message}");
        }
        catch (IOException ex)
        {
            outcome = CheckOutcome.Fail($"An input or output error stopped the check: {ex.Message}");
        }

        Add(new GateCheck(id, title, outcome.Status, required, outcome.Detail, startedAt, timeProvider.GetUtcNow(), outcome.Data));
        return outcome;
    }

    /// <summary>Records a check that does not run, such as a feature the target does not offer.</summary>
    public void NotAvailable(string id, string title, string reason)
    {
        progress.CheckStarted(id, title);
        var now = timeProvider.GetUtcNow();
        Add(new GateCheck(id, title, CheckStatus.NotAvailable, false, reason, now, now, new Dictionary<string, string>()));
    }

    /// <summary>
    /// Builds the evidence. The gate passes when no check failed and every required check passed, so a
    /// required check that is not available fails the gate.
    /// </summary>
    public GateEvidence Finish(string? commit)
    {
        var passed = _checks.Count > 0
            && _checks.All(check => check.Status != CheckStatus.Fail)
            && _checks.Where(check => check.Required).All(check => check.Status == CheckStatus.Pass);

        return new GateEvidence(
            GateEvidence.CurrentFormatVersion,
            gate,
            passed ? GateStatus.Pass : GateStatus.Fail,
            target,
            ReleaseTool.Current,
            commit,
            new SortedDictionary<string, string>(_inputs, StringComparer.Ordinal),
            _startedAt,
            timeProvider.GetUtcNow(),
            _checks);
    }

    private void Add(GateCheck check)
    {
        _checks.Add(check);
        progress.CheckFinished(check);
    }
}

/// <summary>What a check found.</summary>
public sealed record CheckOutcome(CheckStatus Status, string Detail, IReadOnlyDictionary<string, string> Data)
{
    public static CheckOutcome Pass(string detail, IReadOnlyDictionary<string, string>? data = null) =>
        new(CheckStatus.Pass, detail, data ?? new Dictionary<string, string>());

    public static CheckOutcome Fail(string detail, IReadOnlyDictionary<string, string>? data = null) =>
        new(CheckStatus.Fail, detail, data ?? new Dictionary<string, string>());

    public static CheckOutcome NotAvailable(string detail, IReadOnlyDictionary<string, string>? data = null) =>
        new(CheckStatus.NotAvailable, detail, data ?? new Dictionary<string, string>());

    /// <summary>Passes when <paramref name="condition"/> is true, else fails with <paramref name="failure"/>.</summary>
    public static CheckOutcome PassWhen(bool condition, string success, string failure, IReadOnlyDictionary<string, string>? data = null) =>
        condition ? Pass(success, data) : Fail(failure, data);
}

/// <summary>Receives a gate's progress, so the terminal shows each check as it starts and ends.</summary>
public interface IGateProgress
{
    void CheckStarted(string id, string title);

    void CheckFinished(GateCheck check);
}

/// <summary>Progress that goes nowhere, for tests and scripts.</summary>
public sealed class SilentGateProgress : IGateProgress
{
    public static SilentGateProgress Instance { get; } = new();

    public void CheckStarted(string id, string title)
    {
    }

    public void CheckFinished(GateCheck check)
    {
    }
}
