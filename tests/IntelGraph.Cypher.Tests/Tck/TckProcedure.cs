using System.Text.RegularExpressions;
using IntelGraph.Cypher.Procedures;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>
/// Builds a procedure from a TCK step such as <c>there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):</c>.
/// Its table lists input and output values, and a call returns the output columns of the rows whose inputs
/// are equivalent to the arguments (so a null argument selects rows with a null input).
/// </summary>
internal static partial class TckProcedure
{
    public static bool IsDeclaration(string stepText) => Declaration().IsMatch(stepText);

    public static CypherProcedure Parse(string stepText, IReadOnlyList<IReadOnlyList<string>>? table)
    {
        var match = Declaration().Match(stepText);
        var inputs = Fields(match.Groups["inputs"].Value);
        var outputs = Fields(match.Groups["outputs"].Value);
        var header = table is { Count: > 0 } ? table[0] : [];
        var rows = table is { Count: > 1 }
            ? table.Skip(1).Select(row => row.Select(TckValueParser.Parse).ToList()).ToList()
            : [];

        IEnumerable<IReadOnlyList<CypherValue>> Invoke(IReadOnlyList<CypherValue> arguments, CancellationToken cancellationToken)
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var selected = inputs.Select((input, i) => CypherEquivalence.Instance.Equals(row[IndexOf(header, input.Name)], arguments[i])).All(equal => equal);
                if (selected)
                {
                    yield return outputs.Select(output => row[IndexOf(header, output.Name)]).ToList();
                }
            }
        }

        return new CypherProcedure(match.Groups["name"].Value, inputs, outputs, Invoke);
    }

    private static List<ProcedureField> Fields(string declaration) =>
        declaration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(field => field.Split("::", StringSplitOptions.TrimEntries))
            .Select(parts => new ProcedureField(parts[0], parts[1]))
            .ToList();

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        throw new FormatException($"The procedure table has no column '{column}'.");
    }

    [GeneratedRegex(@"^there exists a procedure (?<name>[\w.]+)\((?<inputs>[^)]*)\)\s*::\s*\((?<outputs>[^)]*)\)\s*:$")]
    private static partial Regex Declaration();
}
