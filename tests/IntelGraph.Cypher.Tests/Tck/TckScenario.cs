namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>One step of a scenario: its text, and the doc string or table that follows it, if any.</summary>
internal sealed record TckStep(string Keyword, string Text, string? DocString, IReadOnlyList<IReadOnlyList<string>>? Table);

/// <summary>A runnable scenario: an outline is expanded into one scenario per Examples row.</summary>
internal sealed record TckScenario(string FeatureFile, string Name, IReadOnlyList<TckStep> Steps);

internal enum TckOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// The outcome of one scenario. <see cref="DetailMismatch"/> is set when an expected error passed on its
/// category but the engine named a different detail (such as UndefinedVariable for VariableTypeConflict)
/// or raised it in the other phase (at runtime instead of compile time).
/// </summary>
internal sealed record TckScenarioResult(TckScenario Scenario, TckOutcome Outcome, string? Reason, string? DetailMismatch = null);
