using System.Globalization;
using IntelGraph.Release.Evidence;

namespace IntelGraph.Cli.Commands.Release;

/// <summary>
/// Shows each check of a gate on standard error as it ends, so standard output stays free for --json.
/// On a terminal it also shows each check as it starts, because some (the SBOM, the audit) take a minute.
/// </summary>
internal sealed class GateProgressWriter(TextWriter error, string gate, bool isInteractive) : IGateProgress
{
    public void CheckStarted(string id, string title)
    {
        if (isInteractive)
        {
            error.WriteLine($"[{gate}] .... {id}: {title}");
        }
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
