using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>The passed, failed and skipped counts per feature file and in total, as a text table and as JSON.</summary>
internal sealed class TckSummary
{
    private readonly List<TckScenarioResult> _results;

    private TckSummary(List<TckScenarioResult> results, TimeSpan elapsed)
    {
        _results = results;
        Elapsed = elapsed;
    }

    public TimeSpan Elapsed { get; }

    public int Passed => _results.Count(result => result.Outcome == TckOutcome.Passed);

    public int Failed => _results.Count(result => result.Outcome == TckOutcome.Failed);

    public int Skipped => _results.Count(result => result.Outcome == TckOutcome.Skipped);

    public int Total => _results.Count;

    public int DetailMismatches => _results.Count(result => result.DetailMismatch is not null);

    public string TotalsLine => string.Format(CultureInfo.InvariantCulture,
        "openCypher TCK: {0} passed, {1} failed, {2} skipped of {3} scenarios ({4:0.0}% passed) in {5:0} s",
        Passed, Failed, Skipped, Total, Total == 0 ? 0 : 100.0 * Passed / Total, Elapsed.TotalSeconds);

    public string Table
    {
        get
        {
            var builder = new StringBuilder();
            builder.AppendLine(CultureInfo.InvariantCulture, $"{"Feature file",-60} {"Passed",7} {"Failed",7} {"Skipped",8}");
            foreach (var feature in ByFeature())
            {
                builder.AppendLine(CultureInfo.InvariantCulture, $"{feature.File,-60} {feature.Passed,7} {feature.Failed,7} {feature.Skipped,8}");
            }

            builder.AppendLine(CultureInfo.InvariantCulture, $"{"Total",-60} {Passed,7} {Failed,7} {Skipped,8}");
            builder.AppendLine(TotalsLine);
            builder.AppendLine(CultureInfo.InvariantCulture, $"Passed error scenarios whose error detail or phase differs from the expected one: {DetailMismatches}");
            return builder.ToString();
        }
    }

    public static TckSummary From(List<TckScenarioResult> results, TimeSpan elapsed) => new(results, elapsed);

    public void WriteFiles(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.txt"), Table);
        File.WriteAllText(Path.Combine(folder, "failures.txt"), FailureReport());

        var json = new
        {
            passed = Passed,
            failed = Failed,
            skipped = Skipped,
            total = Total,
            detailMismatches = DetailMismatches,
            features = ByFeature().Select(feature => new { file = feature.File, passed = feature.Passed, failed = feature.Failed, skipped = feature.Skipped }),
        };
        File.WriteAllText(Path.Combine(folder, "summary.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    }

    private string FailureReport()
    {
        var builder = new StringBuilder();
        foreach (var result in _results.Where(result => result.DetailMismatch is not null))
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"[Passed, other detail: {result.DetailMismatch}] {result.Scenario.FeatureFile}: {result.Scenario.Name}");
        }

        foreach (var result in _results.Where(result => result.Outcome != TckOutcome.Passed))
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"[{result.Outcome}] {result.Scenario.FeatureFile}: {result.Scenario.Name}");
            var query = result.Scenario.Steps.LastOrDefault(step => step.Text.StartsWith("executing", StringComparison.Ordinal))?.DocString;
            if (query is not null)
            {
                builder.AppendLine("  " + query.Replace("\n", "\n  ", StringComparison.Ordinal));
            }

            builder.AppendLine("  => " + result.Reason?.Replace("\n", "\n     ", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    private IEnumerable<(string File, int Passed, int Failed, int Skipped)> ByFeature() =>
        _results.GroupBy(result => result.Scenario.FeatureFile)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (
                group.Key,
                group.Count(result => result.Outcome == TckOutcome.Passed),
                group.Count(result => result.Outcome == TckOutcome.Failed),
                group.Count(result => result.Outcome == TckOutcome.Skipped)));
}
