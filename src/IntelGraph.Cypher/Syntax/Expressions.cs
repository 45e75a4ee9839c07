using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Syntax;

/// <summary>An expression node of the syntax tree.</summary>
internal abstract record Expression;

internal sealed record LiteralExpression(CypherValue Value) : Expression;

internal sealed record ParameterExpression(string Name) : Expression;

internal sealed record VariableExpression(string Name) : Expression;

internal sealed record PropertyExpression(Expression Target, string Key) : Expression;

internal sealed record IndexExpression(Expression Target, Expression Index) : Expression;

internal sealed record SliceExpression(Expression Target, Expression? From, Expression? To) : Expression;

internal sealed record ListExpression(IReadOnlyList<Expression> Items) : Expression;

internal sealed record MapExpression(IReadOnlyList<KeyValuePair<string, Expression>> Entries) : Expression;

/// <summary>A map projection such as <c>n {.name, .*, total: 3}</c>.</summary>
internal sealed record MapProjectionExpression(string Variable, IReadOnlyList<MapProjectionItem> Items) : Expression;

/// <summary>One item of a map projection: a property selector (Key only), all properties (AllProperties) or a computed entry.</summary>
internal sealed record MapProjectionItem(string? Key, Expression? Value, bool AllProperties);

internal enum UnaryOperator
{
    Not,
    Negate,
    Plus,
}

internal sealed record UnaryExpression(UnaryOperator Operator, Expression Operand) : Expression;

internal enum BinaryOperator
{
    Or,
    Xor,
    And,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Power,
    StartsWith,
    EndsWith,
    Contains,
    In,
    RegexMatch,
}

internal sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right) : Expression;

/// <summary>A comparison chain: <c>a &lt; b &lt;= c</c> means <c>a &lt; b AND b &lt;= c</c>.</summary>
internal sealed record ComparisonExpression(IReadOnlyList<Expression> Operands, IReadOnlyList<string> Operators) : Expression;

internal sealed record IsNullExpression(Expression Operand, bool Negated) : Expression;

internal sealed record HasLabelsExpression(Expression Target, IReadOnlyList<string> Labels) : Expression;

internal sealed record FunctionCallExpression(string Name, bool Distinct, IReadOnlyList<Expression> Arguments, SourcePosition Position) : Expression;

internal sealed record CountStarExpression : Expression;

internal sealed record CaseExpression(Expression? Test, IReadOnlyList<(Expression When, Expression Then)> Alternatives, Expression? Else) : Expression;

internal sealed record ListComprehensionExpression(string Variable, Expression Source, Expression? Where, Expression? Projection) : Expression;

internal enum QuantifierKind
{
    All,
    Any,
    None,
    Single,
}

internal sealed record QuantifierExpression(QuantifierKind Kind, string Variable, Expression Source, Expression? Where) : Expression;

internal sealed record ReduceExpression(string Accumulator, Expression Initial, string Variable, Expression Source, Expression Body) : Expression;

/// <summary>A pattern used as an expression; it evaluates to the list of matching paths.</summary>
internal sealed record PatternExpression(PatternPart Pattern) : Expression;

internal sealed record PatternComprehensionExpression(string? PathVariable, PatternPart Pattern, Expression? Where, Expression Projection) : Expression;

/// <summary>
/// <c>EXISTS { pattern WHERE ... }</c>, or a full subquery such as <c>EXISTS { MATCH ... WITH ... RETURN ... }</c>
/// in <see cref="Query"/>. Either form is true when it yields at least one row for the outer row.
/// </summary>
internal sealed record ExistsSubqueryExpression(IReadOnlyList<PatternPart> Patterns, Expression? Where, SingleQuery? Query = null) : Expression;
