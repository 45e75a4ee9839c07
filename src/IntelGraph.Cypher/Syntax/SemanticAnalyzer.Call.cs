using IntelGraph.Cypher.Procedures;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Syntax;

/// <summary>Compile-time checks of CALL: the procedure exists, the arguments fit its inputs and the yielded names are new.</summary>
internal sealed partial class SemanticAnalyzer
{
    private void CheckCall(CallClause call, bool standalone)
    {
        if (!_procedures.TryFind(call.Procedure, out var procedure))
        {
            throw new CypherException("ProcedureError", "ProcedureNotFound", CypherErrorPhase.CompileTime,
                $"The procedure {call.Procedure} is not registered.", call.Position.Line, call.Position.Column);
        }

        if (call.Arguments is not null)
        {
            if (call.Arguments.Count != procedure.Inputs.Count)
            {
                throw Error("InvalidNumberOfArguments",
                    $"The procedure {procedure.Name} takes {procedure.Inputs.Count} arguments, but {call.Arguments.Count} were given.", call.Position);
            }

            for (var i = 0; i < call.Arguments.Count; i++)
            {
                CheckExpression(call.Arguments[i], aggregatesAllowed: false);
                if (call.Arguments[i] is LiteralExpression literal && !Accepts(procedure.Inputs[i].TypeName, literal.Value))
                {
                    throw Error("InvalidArgumentType",
                        $"The input {procedure.Inputs[i].Name} of {procedure.Name} is a {procedure.Inputs[i].TypeName}, not a {literal.Value.TypeName}.", call.Position);
                }
            }
        }
        else if (!standalone)
        {
            throw Error("InvalidArgumentPassingMode", "Only a query that is a single CALL may leave out the arguments.", call.Position);
        }

        if (call.YieldsAll && !standalone)
        {
            throw Error("UnexpectedSyntax", "YIELD * is only allowed in a query that is a single CALL.", call.Position);
        }

        if (call.Yields is null && !standalone && procedure.Outputs.Count > 0)
        {
            throw Error("UnexpectedSyntax", $"A CALL of {procedure.Name} inside a larger query needs YIELD.", call.Position);
        }

        var yields = call.Yields is null || call.YieldsAll ? procedure.Outputs.Select(output => new YieldItem(output.Name, output.Name)).ToList() : call.Yields;
        foreach (var item in yields)
        {
            if (procedure.Outputs.All(output => output.Name != item.Output))
            {
                throw Error("UndefinedVariable", $"The procedure {procedure.Name} has no output named '{item.Output}'.", call.Position);
            }

            if (_scope.ContainsKey(item.Alias))
            {
                throw Error("VariableAlreadyBound", $"The variable '{item.Alias}' is already bound, so YIELD cannot bind it again.", call.Position);
            }

            _scope[item.Alias] = VariableKind.Any;
        }

        CheckOptional(call.Where, aggregatesAllowed: false);
    }

    // Types are written as INTEGER?, NUMBER? or STRING?, where the question mark allows null. An integer is accepted as a float.
    private static bool Accepts(string typeName, CypherValue value) => typeName.TrimEnd('?').ToUpperInvariant() switch
    {
        _ when value.IsNull => true,
        "INTEGER" => value is IntegerValue,
        "FLOAT" => value is IntegerValue or FloatValue,
        "NUMBER" => value is IntegerValue or FloatValue,
        "STRING" => value is StringValue,
        "BOOLEAN" => value is BooleanValue,
        _ => true,
    };
}
