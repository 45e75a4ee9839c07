namespace IntelGraph.Server.Flags;

/// <summary>
/// Where the server reads its feature flags (configuration section <c>IntelGraph:Flags</c>). Without
/// <see cref="File"/> the server runs without flags and <c>GET /flags</c> responds with 404 <c>flags.not_configured</c>.
/// </summary>
public sealed class FlagsOptions
{
    /// <summary>The flags file: the repository's <c>deploy/flags/unified.yaml</c>, or the <c>flags.yaml</c> of a mounted ConfigMap.</summary>
    public string? File { get; set; }

    /// <summary>
    /// The environment whose flags the server serves: dev, stage or prod. When empty, the file must
    /// configure exactly one environment, as a rendered ConfigMap does, and that one is used.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>The append-only audit log (JSON Lines); when empty, <c>flags-audit.jsonl</c> beside the flags file.</summary>
    public string? AuditFile { get; set; }

    /// <summary>How often the server checks the flags file for changes, in milliseconds; values below 50 are raised to 50.</summary>
    public int ReloadIntervalMilliseconds { get; set; } = 2000;
}
