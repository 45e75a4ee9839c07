using System.Globalization;
using IntelGraph.Release.Evidence;

namespace IntelGraph.Cli.Commands.Release;

/// <summary>Shows each check of a gate on standard error as it ends, so standard output stays free for --json.</summary>
internal sealed class GateProgressWriter(TextWriter error, string gate) : IGateProgress
{
    public void CheckStarted(string id, string title)
    {
    }

    public void CheckFinished(GateCheck check)
    {
        var mark = check.Status switch
        {
            CheckStatus.Pass => "pass",
            CheckStatus.Fail => "FAIL",
            _ => "n/a ",
        };
        var milliseconds = (check.FinishedAt - check.StartedAt).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        error.WriteLine($"[{gate}] {mark} {check.Id}: {check.Detail} ({milliseconds} ms)");
    }
}
