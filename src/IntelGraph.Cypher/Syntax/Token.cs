namespace IntelGraph.Cypher.Syntax;

/// <summary>A 1-based line and column in the query text.</summary>
public readonly record struct SourcePosition(int Line, int Column);

internal enum TokenKind
{
    Identifier,
    Integer,
    Float,
    String,
    Parameter,
    Symbol,
    End,
}

/// <summary>
/// A lexical token. Keywords are identifiers, compared case-insensitively by the parser, because most
/// Cypher keywords may also be used as names. <see cref="Quoted"/> marks a backtick identifier, which is
/// never a keyword.
/// </summary>
internal sealed record Token(TokenKind Kind, string Text, SourcePosition Position, bool Quoted = false)
{
    /// <summary>Where the token starts in the query text, so a RETURN column can be named by its source text.</summary>
    public int Offset { get; init; }

    public int Length { get; init; }

    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
}
