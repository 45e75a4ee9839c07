using IntelGraph.Release.Environments;
using IntelGraph.Release.Evidence;
using IntelGraph.Release.Gates;

namespace IntelGraph.Release.Records;

/// <summary>The outcome of a promotion: the gates run and, when all passed, the signed record.</summary>
/// <param name="RecordPath">The written record, or null when the promotion was refused.</param>
/// <param name="Refusal">Why no record was written, or null.</param>
public sealed record PromotionResult(IReadOnlyList<RecordedGate> Gates, string? RecordPath, string? Refusal);

/// <summary>
/// Promotes a tag to an environment: runs the environment's required gates against its URL, checks that
/// every evidence file exists, names its gate and target, and passed, then writes the signed record.
/// </summary>
public static class ReleasePromotion
{
    /// <param name="createContext">Builds the gate context for one evidence file (its artifacts folder beside it).</param>
    public static async Task<PromotionResult> RunAsync(
        DeploymentEnvironments environments,
        DeploymentEnvironment environment,
        string tag,
        string by,
        Func<string, GateContext> createContext,
        GateSettings settings,
        string? commit,
        string signingKeyPath,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var store = new ReleaseRecordStore(environments.Records);
        var evidenceFolder = store.EvidenceFolder(tag, environment.Name);
        var gates = new List<RecordedGate>();
        var problems = new List<string>();

        foreach (var gate in environment.Gates)
        {
            var evidencePath = Path.Combine(evidenceFolder, gate + ".json");
            var context = createContext(evidencePath);
            await GateRunner.RunAsync(gate, context, settings, commit, evidencePath, cancellationToken).ConfigureAwait(false);

            var relative = Path.GetRelativePath(store.Folder, evidencePath).Replace('\\', '/');
            var problem = await CheckEvidenceAsync(evidencePath, gate, environment, cancellationToken).ConfigureAwait(false);
            var sha256 = File.Exists(evidencePath) ? await EvidenceFile.DigestFileAsync(evidencePath, cancellationToken).ConfigureAwait(false) : "missing";
            gates.Add(new RecordedGate(gate, problem is null ? "pass" : "fail", relative, sha256));
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count > 0)
        {
            return new PromotionResult(gates, null, $"Promotion of {tag} to {environment.Name} refused: {string.Join(" ", problems)}");
        }

        using var key = await ReleaseSigningKey.LoadOrCreateAsync(signingKeyPath, cancellationToken).ConfigureAwait(false);
        var record = new ReleaseRecord(
            ReleaseRecord.CurrentFormatVersion, tag, environment.Name, environment.Url.ToString(), gates, by, timeProvider.GetUtcNow(), commit, Signature: null);
        var path = await store.WriteAsync(record, key, cancellationToken).ConfigureAwait(false);
        return new PromotionResult(gates, path, null);
    }

    /// <summary>Returns why the evidence file cannot back the promotion, or null when it can.</summary>
    internal static async Task<string?> CheckEvidenceAsync(string path, string gate, DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return $"The {gate} evidence {path} is missing.";
        }

        GateEvidence evidence;
        try
        {
            evidence = EvidenceFile.Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        }
        catch (IntelGraph.Core.InvalidInputException ex)
        {
            return ex.Message;
        }

        if (evidence.Gate != gate)
        {
            return $"{path} is evidence of the {evidence.Gate} gate, not {gate}.";
        }

        if (evidence.Target is not null && !string.Equals(evidence.Target.TrimEnd('/'), environment.Url.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return $"The {gate} evidence ran against {evidence.Target}, not {environment.Name} at {environment.Url}.";
        }

        if (evidence.Status != GateStatus.Pass)
        {
            var failed = evidence.Checks.Where(check => check.Status == CheckStatus.Fail || (check.Required && check.Status != CheckStatus.Pass)).Select(check => check.Id);
            return $"The {gate} gate failed ({string.Join(", ", failed)}); see {path}.";
        }

        return null;
    }
}
