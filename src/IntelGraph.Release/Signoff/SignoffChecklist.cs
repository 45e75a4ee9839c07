using System.Globalization;
using System.Text;
using IntelGraph.Release.Environments;
using IntelGraph.Release.Records;

namespace IntelGraph.Release.Signoff;

/// <summary>One line of the sign-off checklist: ticked only with the evidence that proves it.</summary>
public sealed record SignoffItem(string Text, bool Ticked, IReadOnlyList<string> Evidence);

/// <summary>
/// Builds the release sign-off checklist for a tag from the verified release records. An item is ticked
/// only when recorded evidence proves it, and names that evidence with its SHA-256; every other item
/// stays open with "no evidence recorded".
/// </summary>
public static class SignoffChecklist
{
    public const string NoEvidence = "no evidence recorded";

    /// <summary>The shortest clean soak that proves the soak item, as the cutover playbook requires.</summary>
    public static readonly TimeSpan RequiredSoak = TimeSpan.FromHours(24);

    public static IReadOnlyList<SignoffItem> Build(string tag, IReadOnlyList<RecordVerification> records, SoakEvidence? soak = null)
    {
        return
        [
            AllGatesGreen(tag, records),
            SoakClean(soak),
            Unproven("DPIA addendum filed; OPA logs sampled"),
            Unproven("Release notes updated with pilot specifics"),
            Unproven("Old stack decommissioned"),
        ];
    }

    /// <summary>
    /// Ticked when a record of the tag verifies (signature and every evidence hash) and lists all four
    /// gates as passed. The record of the environment closest to production is named, the latest first.
    /// </summary>
    private static SignoffItem AllGatesGreen(string tag, IReadOnlyList<RecordVerification> records)
    {
        const string text = "All gates green (smoke/perf/compliance/security)";
        var proving = records
            .Where(result => result.IsValid && result.Record!.Tag == tag)
            .Where(result => DeploymentEnvironments.KnownGates.All(gate => result.Record!.Gates.Any(recorded => recorded.Gate == gate && recorded.Status == "pass")))
            .OrderByDescending(result => Rank(result.Record!.Environment))
            .ThenByDescending(result => result.Record!.At)
            .FirstOrDefault();
        if (proving is null)
        {
            var partial = records.Where(result => result.Record?.Tag == tag).Select(Describe).ToList();
            return new SignoffItem(text, false, partial.Count == 0 ? [NoEvidence] : [NoEvidence + " with all four gates passed and a valid signature", .. partial]);
        }

        var record = proving.Record!;
        var evidence = new List<string>
        {
            $"release record `{Path.GetFileName(proving.Path)}` ({record.Environment}, signed by key `{record.Signature!.Kid}`, {record.At.ToString("u", CultureInfo.InvariantCulture)}, by {record.By}), SHA-256 `{Sha256(proving.Path)}`",
        };
        evidence.AddRange(record.Gates.Select(gate => $"{gate.Gate}: `{gate.Evidence}` `{gate.Sha256}`"));
        return new SignoffItem(text, true, evidence);
    }

    /// <summary>
    /// Ticked when the rollout state file shows a step that soaked for at least 24 hours and ended clean, and no
    /// step of that environment halted afterwards. A clean end means no reading crossed the plan's thresholds and,
    /// with Prometheus, no monitored alert fired during the soak.
    /// </summary>
    private static SignoffItem SoakClean(SoakEvidence? soak)
    {
        const string text = "24h soak clean (no Sev-1/2)";
        if (soak is null || soak.Steps.Count == 0)
        {
            return Unproven(text);
        }

        var file = $"rollout state `{soak.File}`, SHA-256 `{soak.Sha256}`";
        var proving = soak.Steps
            .Where(step => step.Completed && step.Soaked >= RequiredSoak)
            .Where(step => !soak.Steps.Any(later => !later.Completed && later.Environment == step.Environment && later.At > step.At))
            .OrderByDescending(step => step.At)
            .FirstOrDefault();
        if (proving is null)
        {
            var longest = soak.Steps.Where(step => step.Completed).Select(step => step.Soaked).DefaultIfEmpty(TimeSpan.Zero).Max();
            var halted = soak.Steps.Count(step => !step.Completed);
            return new SignoffItem(text, false,
            [
                $"{NoEvidence} of a clean soak of {RequiredSoak.TotalHours:0} h or more: the longest clean soak lasted {longest}, and {halted} step(s) were halted",
                file,
            ]);
        }

        return new SignoffItem(text, true,
        [
            $"{file}: step {proving.Step} `{proving.Name}` in {proving.Environment} soaked {proving.Soaked} and ended clean at {proving.At.ToString("u", CultureInfo.InvariantCulture)}; highest readings {proving.Maxima}",
        ]);
    }

    private static SignoffItem Unproven(string text) => new(text, false, [NoEvidence]);

    private static string Describe(RecordVerification result) =>
        result.IsValid
            ? $"`{Path.GetFileName(result.Path)}` covers only {string.Join(", ", result.Record!.Gates.Select(gate => gate.Gate))}"
            : $"`{Path.GetFileName(result.Path)}` does not verify: {string.Join("; ", result.Problems)}";

    private static int Rank(string environment) => environment switch
    {
        "prod" => 3,
        "stage" => 2,
        "dev" => 1,
        _ => 0,
    };

    private static string Sha256(string path) => Evidence.EvidenceFile.Digest(File.ReadAllBytes(path));

    /// <summary>Writes the checklist as Markdown.</summary>
    public static string ToMarkdown(string tag, IReadOnlyList<SignoffItem> items, DateTimeOffset generatedAt)
    {
        var markdown = new StringBuilder();
        markdown.Append(CultureInfo.InvariantCulture, $"# Sign-off checklist: {tag}\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"Generated {generatedAt.ToString("u", CultureInfo.InvariantCulture)} from the verified release records. A box is ticked only when recorded evidence proves it.\n\n");
        foreach (var item in items)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"- [{(item.Ticked ? "x" : " ")}] {item.Text}\n");
            foreach (var evidence in item.Evidence)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"  - {evidence}\n");
            }
        }

        return markdown.ToString();
    }
}
