namespace IntelGraph.Cypher;

/// <summary>Whether an error was found before the query touched the graph or while it ran.</summary>
public enum CypherErrorPhase
{
    CompileTime,
    Runtime,
}

/// <summary>
/// A query failure. <see cref="Category"/> and <see cref="Detail"/> use the openCypher TCK names
/// (for example SyntaxError with UndefinedVariable, or TypeError with InvalidArgumentType), so a caller can
/// map them to a stable error code. <see cref="Line"/> and <see cref="Column"/> are 1-based. They point at
/// the offending token of a syntax error and otherwise at the clause that failed, and are zero only for
/// an error raised outside any clause.
/// </summary>
public sealed class CypherException : Exception
{
    private readonly string _reason;

    public CypherException(string category, string detail, CypherErrorPhase phase, string message, int line = 0, int column = 0)
        : base(line > 0 ? $"{message} (line {line}, column {column})" : message)
    {
        _reason = message;
        Category = category;
        Detail = detail;
        Phase = phase;
        Line = line;
        Column = column;
    }

    public string Category { get; }

    public string Detail { get; }

    public CypherErrorPhase Phase { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Returns this error with a position, unless it already has a more precise one.</summary>
    internal CypherException AtPosition(Syntax.SourcePosition position) =>
        Line > 0 || position.Line == 0 ? this : new CypherException(Category, Detail, Phase, _reason, position.Line, position.Column);

    internal static CypherException Syntax(string detail, string message, Syntax.SourcePosition position) =>
        new("SyntaxError", detail, CypherErrorPhase.CompileTime, message, position.Line, position.Column);

    internal static CypherException Type(string detail, string message) =>
        new("TypeError", detail, CypherErrorPhase.Runtime, message);

    internal static CypherException Argument(string detail, string message) =>
        new("ArgumentError", detail, CypherErrorPhase.Runtime, message);

    internal static CypherException IntegerOverflow(string message) =>
        new("ArithmeticError", "IntegerOverflow", CypherErrorPhase.Runtime, message);

    internal static CypherException Semantic(string detail, string message) =>
        new("SemanticError", detail, CypherErrorPhase.Runtime, message);
}
