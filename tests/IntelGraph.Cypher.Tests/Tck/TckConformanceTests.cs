using System.Diagnostics;
using IntelGraph.Testing;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>
/// Runs every scenario of the openCypher TCK against the engine and records the totals per feature file
/// in artifacts/tck/summary.txt and summary.json under the repository root.
/// </summary>
public sealed class TckConformanceTests(ITestOutputHelper output)
{
    // The number of scenarios that passed when this floor was last measured. Raise it as the engine improves, so a regression fails this test.
    private const int PassedScenarioFloor = 3875;

    private static readonly TimeSpan _scenarioTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Pass_rate_stays_at_or_above_the_recorded_floor()
    {
        var featuresFolder = RepositoryFolders.Shared("conformance", "opencypher-tck", "features");
        var scenarios = TckFeatureLoader.Load(featuresFolder);
        var stopwatch = Stopwatch.StartNew();
        var results = scenarios.Select(scenario => TckScenarioRunner.Run(scenario, _scenarioTimeout)).ToList();
        stopwatch.Stop();

        var summary = TckSummary.From(results, stopwatch.Elapsed);
        var artifacts = Path.Combine(RepositoryFolders.Root, "artifacts", "tck");
        summary.WriteFiles(artifacts);

        output.WriteLine(summary.Table);
        TestContext.Current.SendDiagnosticMessage(summary.TotalsLine);

        Assert.True(summary.Passed >= PassedScenarioFloor,
            $"{summary.Passed} TCK scenarios passed, fewer than the recorded floor of {PassedScenarioFloor}. See {artifacts}/summary.txt for the failures.");
    }
}
