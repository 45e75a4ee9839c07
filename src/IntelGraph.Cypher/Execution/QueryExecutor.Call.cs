using IntelGraph.Cypher.Procedures;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>CALL: runs a registered procedure once per row and joins each row with the rows it yields.</summary>
internal sealed partial class QueryExecutor
{
    private List<Row> ExecuteCall(CallClause call, List<Row> rows)
    {
        var procedure = FindProcedure(call);
        var yields = YieldItems(call, procedure);
        var result = new List<Row>();
        foreach (var row in rows)
        {
            var arguments = call.Arguments is null
                ? procedure.Inputs.Select(input => _evaluator.Evaluate(new ParameterExpression(input.Name), row)).ToList()
                : call.Arguments.Select(argument => _evaluator.Evaluate(argument, row)).ToList();
            var outputs = procedure.Invoke(CoerceArguments(procedure, arguments), _context.CancellationToken).ToList();

            // A procedure without outputs runs for its effect and passes every row on unchanged.
            if (procedure.Outputs.Count == 0)
            {
                result.Add(row);
                continue;
            }

            foreach (var output in outputs)
            {
                var extended = row.With(yields.Select(item =>
                    new KeyValuePair<string, CypherValue>(item.Alias, output[IndexOfOutput(procedure, item.Output)])));
                if (call.Where is null || _evaluator.IsTrue(call.Where, extended))
                {
                    result.Add(extended);
                }
            }
        }

        AddToScope(yields.Select(item => item.Alias));
        return result;
    }

    // An integer passed to a FLOAT input arrives as a float, so the procedure receives its declared type.
    private static List<CypherValue> CoerceArguments(CypherProcedure procedure, List<CypherValue> arguments) =>
        arguments.Select((argument, i) => argument is IntegerValue integer && i < procedure.Inputs.Count &&
            procedure.Inputs[i].TypeName.TrimEnd('?').Equals("FLOAT", StringComparison.OrdinalIgnoreCase)
                ? new FloatValue(integer.Value)
                : argument).ToList();

    private List<string> CallColumns(CallClause call) =>
        YieldItems(call, FindProcedure(call)).Select(item => item.Alias).ToList();

    private CypherProcedure FindProcedure(CallClause call) =>
        _context.Procedures.TryFind(call.Procedure, out var procedure)
            ? procedure
            : throw new CypherException("ProcedureError", "ProcedureNotFound", CypherErrorPhase.CompileTime,
                $"The procedure {call.Procedure} is not registered.", call.Position.Line, call.Position.Column);

    // Without YIELD, or with YIELD *, every output is bound under its own name.
    private static IReadOnlyList<YieldItem> YieldItems(CallClause call, CypherProcedure procedure) =>
        call.Yields is null || call.YieldsAll
            ? procedure.Outputs.Select(output => new YieldItem(output.Name, output.Name)).ToList()
            : call.Yields;

    private static int IndexOfOutput(CypherProcedure procedure, string name)
    {
        for (var i = 0; i < procedure.Outputs.Count; i++)
        {
            if (procedure.Outputs[i].Name == name)
            {
                return i;
            }
        }

        throw new CypherException("SyntaxError", "UndefinedVariable", CypherErrorPhase.CompileTime,
            $"The procedure {procedure.Name} has no output named '{name}'.");
    }
}
