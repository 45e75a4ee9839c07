using System.Text.RegularExpressions;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Procedures;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>
/// Runs one TCK scenario against a fresh in-memory graph: the Given steps build the graph and parameters,
/// the When step runs the query, and each Then step is checked against its result, error or side effects.
/// </summary>
internal sealed partial class TckScenarioRunner
{
    private readonly InMemoryPropertyGraph _graph = new();
    private readonly Dictionary<string, CypherValue> _parameters = new(StringComparer.Ordinal);
    private readonly ProcedureRegistry _procedures = new();
    private readonly CancellationToken _cancellationToken;
    private CypherResult? _result;
    private CypherException? _error;
    private Dictionary<string, int>? _sideEffects;
    private string? _detailMismatch;

    private TckScenarioRunner(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
    }

    /// <summary>Runs a scenario, failing it when it takes longer than <paramref name="timeout"/>.</summary>
    public static TckScenarioResult Run(TckScenario scenario, TimeSpan timeout)
    {
        var unsupported = scenario.Steps.FirstOrDefault(step => !IsSupported(step));
        if (unsupported is not null)
        {
            return new TckScenarioResult(scenario, TckOutcome.Skipped, $"The harness cannot interpret the step '{unsupported.Text}'.");
        }

        using var cancellation = new CancellationTokenSource();
        var task = Task.Run(() => new TckScenarioRunner(cancellation.Token).RunSteps(scenario), cancellation.Token);
        if (!task.Wait(timeout, TestContext.Current.CancellationToken))
        {
            cancellation.Cancel();
            return new TckScenarioResult(scenario, TckOutcome.Failed, $"Timed out after {timeout.TotalSeconds} seconds.");
        }

        return task.Result;
    }

    private static bool IsSupported(TckStep step) =>
        step.Text is "an empty graph" or "any graph" or "having executed:" or "parameters are:" or "executing query:"
            or "executing control query:" or "the result should be empty" or "the side effects should be:" or "no side effects"
        || step.Text.StartsWith("the result should be", StringComparison.Ordinal)
        || TckProcedure.IsDeclaration(step.Text)
        || ErrorStep().IsMatch(step.Text);

    private TckScenarioResult RunSteps(TckScenario scenario)
    {
        try
        {
            foreach (var step in scenario.Steps)
            {
                var failure = RunStep(step);
                if (failure is not null)
                {
                    return new TckScenarioResult(scenario, TckOutcome.Failed, failure);
                }
            }

            return new TckScenarioResult(scenario, TckOutcome.Passed, null, _detailMismatch);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The harness must survive any engine defect, so every exception becomes a failed scenario with its message.
            return new TckScenarioResult(scenario, TckOutcome.Failed, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private string? RunStep(TckStep step)
    {
        switch (step.Text)
        {
            case "an empty graph" or "any graph":
                return null;
            case "having executed:":
                CypherEngine.Execute(_graph, step.DocString!, _parameters, _procedures, _cancellationToken);
                return null;
            case "parameters are:":
                foreach (var row in step.Table!)
                {
                    _parameters[row[0]] = TckValueParser.Parse(row[1]);
                }

                return null;
            case "executing query:" or "executing control query:":
                ExecuteQuery(step.DocString!);
                return null;
        }

        if (TckProcedure.IsDeclaration(step.Text))
        {
            _procedures.Register(TckProcedure.Parse(step.Text, step.Table));
            return null;
        }

        var error = ErrorStep().Match(step.Text);
        if (error.Success)
        {
            return CheckError(error.Groups["category"].Value, error.Groups["detail"].Value, error.Groups["phase"].Value);
        }

        if (_error is not null)
        {
            return $"The query raised {_error.Category}/{_error.Detail}: {_error.Message}";
        }

        return step.Text switch
        {
            "the result should be empty" => _result!.Rows.Count == 0 ? null : $"Expected no rows but got {_result.Rows.Count}.",
            "no side effects" => CheckSideEffects([]),
            "the side effects should be:" => CheckSideEffects(step.Table!),
            _ => CheckResult(step),
        };
    }

    private void ExecuteQuery(string query)
    {
        var before = TckGraphSnapshot.Take(_graph);
        try
        {
            _result = CypherEngine.Execute(_graph, query, _parameters, _procedures, _cancellationToken);
        }
        catch (CypherException exception)
        {
            _error = exception;
        }

        _sideEffects = before.SideEffectsUntil(TckGraphSnapshot.Take(_graph));
    }

    // The category decides the outcome. A different detail is only recorded, because detail names vary between engines.
    private string? CheckError(string category, string detail, string phase)
    {
        if (_error is null)
        {
            return $"Expected a {category} but the query succeeded.";
        }

        if (_error.Category != category)
        {
            return $"Expected a {category} but got {_error.Category}/{_error.Detail}: {_error.Message}";
        }

        var raisedPhase = _error.Phase == CypherErrorPhase.CompileTime ? "compile time" : "runtime";
        if (detail != "*" && _error.Detail != detail)
        {
            _detailMismatch = $"expected {detail}, raised {_error.Detail}";
        }
        else if (phase != "any time" && phase != raisedPhase)
        {
            _detailMismatch = $"expected at {phase}, raised at {raisedPhase}";
        }

        return null;
    }

    private string? CheckSideEffects(IReadOnlyList<IReadOnlyList<string>> expectedTable)
    {
        var expected = expectedTable.ToDictionary(row => row[0], row => int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, actual) in _sideEffects!)
        {
            var wanted = expected.GetValueOrDefault(key);
            if (wanted != actual)
            {
                return $"Expected {key} to be {wanted} but it was {actual}.";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^an? (?<category>\w+) should be raised at (?<phase>compile time|runtime|any time): (?<detail>[\w*]+)$")]
    private static partial Regex ErrorStep();
}
