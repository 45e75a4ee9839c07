using IntelGraph.Release.Compliance;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Policy;

namespace IntelGraph.Release.Gates;

/// <summary>
/// The compliance gate: the role × endpoint matrix checked rule by rule against the target, an SBOM of
/// the release from the CycloneDX .NET tool, and the licence list of the dependencies it names.
/// </summary>
public static class ComplianceGate
{
    public const string Name = "compliance";

    public static async Task<GateEvidence> RunAsync(GateContext context, ReleasePolicy policy, string project, string? commit, CancellationToken cancellationToken)
    {
        var target = context.RequireTarget();
        var recorder = new EvidenceRecorder(Name, target.BaseAddress.ToString(), context.TimeProvider, context.Progress);
        recorder.Input("project", project);
        recorder.Input("rules", context.Policy.Rules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await PolicyProbe.RunAsync(recorder, context, cancellationToken).ConfigureAwait(false);

        string? sbomPath = null;
        await recorder.RunAsync("sbom", "SBOM of the release (CycloneDX)", required: true, async () =>
        {
            var (path, version) = await SbomGenerator.GenerateAsync(context.RepositoryFolder, project, context.ArtifactsFolder, cancellationToken).ConfigureAwait(false);
            sbomPath = path;
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var components = SbomComponent.ReadAll(bytes);
            return CheckOutcome.Pass(
                $"{SbomGenerator.ToolCommand} {version} listed {components.Count} dependencies of {project}.",
                new Dictionary<string, string>
                {
                    ["tool"] = $"CycloneDX {version}",
                    ["sbom"] = Path.GetFileName(path),
                    ["sbomSha256"] = EvidenceFile.Digest(bytes),
                    ["components"] = components.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
        }).ConfigureAwait(false);

        if (sbomPath is null)
        {
            recorder.NotAvailable("licences", "Licence list of dependencies", "The SBOM could not be generated, so there is no dependency list to read licences from.");
        }
        else
        {
            var path = sbomPath;
            await recorder.RunAsync("licences", "Licence list of dependencies", required: true,
                async () => LicenceReview.Review(SbomComponent.ReadAll(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)), policy)).ConfigureAwait(false);
        }

        return recorder.Finish(commit);
    }
}
