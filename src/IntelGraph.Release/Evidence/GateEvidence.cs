namespace IntelGraph.Release.Evidence;

/// <summary>
/// What one run of a gate did and found: the document written to the evidence file, whose SHA-256
/// release records refer to.
/// </summary>
/// <param name="Gate">smoke, perf, compliance or security.</param>
/// <param name="Target">The base URL of the server the gate ran against, or null for gates that read only the repository.</param>
/// <param name="Commit">The repository's git commit when the gate ran inside a git working tree, else null.</param>
/// <param name="Inputs">The options the gate ran with, such as thresholds and request counts; never secrets.</param>
public sealed record GateEvidence(
    int FormatVersion,
    string Gate,
    GateStatus Status,
    string? Target,
    ToolVersion Tool,
    string? Commit,
    IReadOnlyDictionary<string, string> Inputs,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<GateCheck> Checks)
{
    public const int CurrentFormatVersion = 1;
}

/// <summary>The program that produced the evidence.</summary>
public sealed record ToolVersion(string Name, string Version);

/// <summary>One check of a gate.</summary>
/// <param name="Id">A stable, lowercase name such as <c>login-oidc</c>, which sign-off and scripts look for.</param>
/// <param name="Detail">What was observed, in one or two sentences; for a failure, what to do next.</param>
/// <param name="Required">
/// True when the gate fails unless this check passes. A check that is not required fails the gate only
/// when it fails; as not-available it is listed and does not count as passed.
/// </param>
/// <param name="Data">Measured values and the versions of external tools the check ran, as name and value.</param>
public sealed record GateCheck(
    string Id,
    string Title,
    CheckStatus Status,
    bool Required,
    string Detail,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyDictionary<string, string> Data);
