using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Syntax;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>
/// Evaluates an operator expression made only of literals while the query is analysed, so that a type
/// error such as <c>NOT 'text'</c> is reported at compile time as openCypher requires.
/// </summary>
internal static class ConstantFolding
{
    public static void CheckTypes(Expression expression)
    {
        var context = new QueryContext(new InMemoryPropertyGraph(), new Dictionary<string, CypherValue>(), Procedures.ProcedureRegistry.Empty, CancellationToken.None);
        try
        {
            new ExpressionEvaluator(context).Evaluate(expression, Row.Empty);
        }
        catch (CypherException exception) when (exception.Category == "TypeError")
        {
            throw new CypherException("SyntaxError", "InvalidArgumentType", CypherErrorPhase.CompileTime, exception.Message);
        }
        catch (CypherException)
        {
            // Other failures of a constant expression, such as integer overflow, are left to the run.
        }
    }
}
