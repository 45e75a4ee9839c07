using IntelGraph.Core;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Policy;

namespace IntelGraph.Release.Gates;

/// <summary>The settings that only some gates use.</summary>
/// <param name="Project">The release project for the SBOM and the audit, relative to the repository.</param>
/// <param name="PolicyFile">The release policy file, relative to the repository when not absolute.</param>
public sealed record GateSettings(PerfOptions Perf, string Project, string PolicyFile, HttpClient? Prometheus);

/// <summary>Runs a gate by name and writes its evidence file.</summary>
public static class GateRunner
{
    public static IReadOnlyList<string> Names { get; } = [SmokeGate.Name, PerfGate.Name, ComplianceGate.Name, SecurityGate.Name];

    /// <summary>Runs the gate, writes the evidence to <paramref name="evidencePath"/>, and returns the evidence and the file's SHA-256.</summary>
    /// <exception cref="InvalidInputException">The gate name is unknown or the release policy is invalid.</exception>
    public static async Task<(GateEvidence Evidence, string Sha256)> RunAsync(
        string gate, GateContext context, GateSettings settings, string? commit, string evidencePath, CancellationToken cancellationToken)
    {
        var evidence = gate switch
        {
            SmokeGate.Name => await SmokeGate.RunAsync(context, commit, cancellationToken).ConfigureAwait(false),
            PerfGate.Name => await PerfGate.RunAsync(context, settings.Perf, settings.Prometheus, commit, cancellationToken).ConfigureAwait(false),
            ComplianceGate.Name => await ComplianceGate.RunAsync(context, ReadPolicy(context, settings), settings.Project, commit, cancellationToken).ConfigureAwait(false),
            SecurityGate.Name => await SecurityGate.RunAsync(context, ReadPolicy(context, settings), settings.Project, commit, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidInputException($"Unknown gate '{gate}'; expected one of {string.Join(", ", Names)}."),
        };

        var sha256 = await EvidenceFile.WriteAsync(evidencePath, evidence, cancellationToken).ConfigureAwait(false);
        return (evidence, sha256);
    }

    /// <summary>The folder for a gate's files beside its evidence: <c>NAME.files/</c> for <c>NAME.json</c>.</summary>
    public static string ArtifactsFolderFor(string evidencePath) => Path.ChangeExtension(Path.GetFullPath(evidencePath), null) + ".files";

    private static ReleasePolicy ReadPolicy(GateContext context, GateSettings settings) =>
        ReleasePolicy.Read(Path.Combine(context.RepositoryFolder, settings.PolicyFile));
}
