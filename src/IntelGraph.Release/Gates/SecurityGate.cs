using System.Globalization;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Policy;
using IntelGraph.Release.Security;
using IntelGraph.Release.Tools;

namespace IntelGraph.Release.Gates;

/// <summary>The security gate: a dependency vulnerability audit and a scan of the repository's tracked files for committed secrets.</summary>
public static class SecurityGate
{
    public const string Name = "security";

    public static async Task<GateEvidence> RunAsync(GateContext context, ReleasePolicy policy, string project, string? commit, CancellationToken cancellationToken)
    {
        var recorder = new EvidenceRecorder(Name, context.Target?.BaseAddress.ToString(), context.TimeProvider, context.Progress);
        recorder.Input("project", project);

        await recorder.RunAsync("dependency-audit", "Dependency vulnerability audit", required: true,
            () => VulnerabilityAudit.RunAsync(context.RepositoryFolder, project, context.ArtifactsFolder, cancellationToken)).ConfigureAwait(false);

        await recorder.RunAsync("secret-scan", "Scan of tracked files for committed secrets", required: true, async () =>
        {
            var root = await GitRepository.ReadRootAsync(context.RepositoryFolder, cancellationToken).ConfigureAwait(false);
            var files = await GitRepository.ListTrackedFilesAsync(root, cancellationToken).ConfigureAwait(false);
            var (findings, scanned, skipped) = await SecretScanner.ScanAsync(root, files, policy.SecretScanExceptions, cancellationToken)
                .ConfigureAwait(false);
            var data = new Dictionary<string, string>
            {
                ["trackedFiles"] = files.Count.ToString(CultureInfo.InvariantCulture),
                ["scannedFiles"] = scanned.ToString(CultureInfo.InvariantCulture),
                ["skippedByPolicy"] = string.Join("; ", skipped),
            };
            for (var index = 0; index < findings.Count; index++)
            {
                data[$"finding{index + 1}"] = findings[index].ToString();
            }

            return CheckOutcome.PassWhen(
                findings.Count == 0,
                $"No secret found in {scanned} tracked text files; {skipped.Count} skipped by the release policy.",
                $"{findings.Count} suspected secrets in tracked files: {string.Join("; ", findings.Take(10))}. Remove them from the repository and rotate them, or add the file to secretScanExceptions with the reason it is safe.",
                data);
        }).ConfigureAwait(false);

        return recorder.Finish(commit);
    }
}
