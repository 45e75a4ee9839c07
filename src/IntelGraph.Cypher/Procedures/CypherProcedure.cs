using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Procedures;

/// <summary>A declared input or output of a procedure. <see cref="TypeName"/> is an openCypher type such as <c>INTEGER?</c>.</summary>
public sealed record ProcedureField(string Name, string TypeName);

/// <summary>
/// A procedure that <c>CALL</c> can run: a namespaced name, its inputs and outputs, and a body that maps the
/// argument values to rows with one value per output, in declaration order.
/// </summary>
public sealed class CypherProcedure(
    string name,
    IReadOnlyList<ProcedureField> inputs,
    IReadOnlyList<ProcedureField> outputs,
    Func<IReadOnlyList<CypherValue>, CancellationToken, IEnumerable<IReadOnlyList<CypherValue>>> body)
{
    public string Name { get; } = name;

    public IReadOnlyList<ProcedureField> Inputs { get; } = inputs;

    public IReadOnlyList<ProcedureField> Outputs { get; } = outputs;

    public IEnumerable<IReadOnlyList<CypherValue>> Invoke(IReadOnlyList<CypherValue> arguments, CancellationToken cancellationToken) =>
        body(arguments, cancellationToken);
}

/// <summary>The procedures a query may call, looked up by their case-sensitive qualified name.</summary>
public sealed class ProcedureRegistry
{
    public static readonly ProcedureRegistry Empty = new();

    private readonly Dictionary<string, CypherProcedure> _procedures = new(StringComparer.Ordinal);

    public void Register(CypherProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        _procedures[procedure.Name] = procedure;
    }

    public bool TryFind(string name, out CypherProcedure procedure) => _procedures.TryGetValue(name, out procedure!);
}
