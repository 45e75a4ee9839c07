namespace IntelGraph.Cli;

/// <summary>The process exit codes of <c>intelgraph</c>; scripts rely on them, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command failed: an error the message explains.</summary>
    public const int Failure = 1;

    /// <summary>The command line was invalid, or a flags file or rollout plan it names failed validation.</summary>
    public const int Usage = 2;

    /// <summary>Verification found a mismatch: a missing record, a wrong root, a bad signature or checksum.</summary>
    public const int VerificationFailed = 3;

    /// <summary>Records were quarantined or left unaccounted for and <c>--accept-quarantine</c> was not given.</summary>
    public const int Quarantined = 4;

    /// <summary>The query budget denied a graph query before it ran, or stopped it for reading or running past its grant.</summary>
    public const int BudgetDenied = 5;

    /// <summary><c>intelgraph rollout</c> halted a step whose metrics crossed a threshold, and restored the flags file.</summary>
    public const int RolloutHalted = 6;

    /// <summary>A release gate failed, or a promotion was refused because a gate failed or its evidence is missing.</summary>
    public const int GateFailed = 7;

    /// <summary><c>intelgraph cutover run</c> moved traffic back to the old side: the smoke gate failed or the new side regressed in the watch window.</summary>
    public const int CutoverRolledBack = 8;

    /// <summary>Interrupted by Ctrl+C (SIGINT), as shells report 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, as shells report 128 + 15.</summary>
    public const int Terminated = 143;
}
