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
/// map them to a stable error code. <see cref="Line"/> and <see cref="Column"/> are 1-based and are zero
/// when no position in the query applies.
/// </summary>
public sealed class CypherException : Exception
{
    public CypherException(string category, string detail, CypherErrorPhase phase, string message, int line = 0, int column = 0)
        : base(line > 0 ? $"{message} (line {line}, column {column})" : message)
    {
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

    internal static CypherException Syntax(string detail, string message, Syntax.SourcePosition position) =>
        new("SyntaxError", detail, CypherErrorPhase.CompileTime, message, position.Line, position.Column);

    internal static CypherException Type(string detail, string message) =>
        new("TypeError", detail, CypherErrorPhase.Runtime, message);

    internal static CypherException Argument(string detail, string message) =>
        new("ArgumentError", detail, CypherErrorPhase.Runtime, message);

    internal static CypherException Semantic(string detail, string message) =>
        new("SemanticError", detail, CypherErrorPhase.Runtime, message);
}
