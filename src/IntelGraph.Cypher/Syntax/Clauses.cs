namespace IntelGraph.Cypher.Syntax;

internal abstract record Clause(SourcePosition Position);

internal sealed record MatchClause(bool Optional, IReadOnlyList<PatternPart> Patterns, Expression? Where, SourcePosition Position) : Clause(Position);

internal sealed record UnwindClause(Expression Source, string Variable, SourcePosition Position) : Clause(Position);

internal sealed record WithClause(Projection Projection, Expression? Where, SourcePosition Position) : Clause(Position);

internal sealed record ReturnClause(Projection Projection, SourcePosition Position) : Clause(Position);

internal sealed record CreateClause(IReadOnlyList<PatternPart> Patterns, SourcePosition Position) : Clause(Position);

internal sealed record MergeClause(PatternPart Pattern, IReadOnlyList<SetItem> OnCreate, IReadOnlyList<SetItem> OnMatch, SourcePosition Position) : Clause(Position);

internal sealed record SetClause(IReadOnlyList<SetItem> Items, SourcePosition Position) : Clause(Position);

internal sealed record RemoveClause(IReadOnlyList<RemoveItem> Items, SourcePosition Position) : Clause(Position);

internal sealed record DeleteClause(bool Detach, IReadOnlyList<Expression> Targets, SourcePosition Position) : Clause(Position);

/// <summary>
/// <c>CALL name(arguments) YIELD output AS alias WHERE ...</c>. Arguments is null when the call has no
/// parentheses, so the arguments come from parameters named like the inputs. Yields is null without YIELD.
/// </summary>
internal sealed record CallClause(
    string Procedure,
    IReadOnlyList<Expression>? Arguments,
    IReadOnlyList<YieldItem>? Yields,
    bool YieldsAll,
    Expression? Where,
    SourcePosition Position) : Clause(Position);

internal sealed record YieldItem(string Output, string Alias);

/// <summary>One projected column. <see cref="Name"/> is the alias, or the expression's source text when there is none.</summary>
internal sealed record ProjectionItem(Expression Expression, string Name, bool HasAlias);

internal sealed record SortItem(Expression Expression, bool Descending);

internal sealed record Projection(
    bool Distinct,
    bool IncludesAll,
    IReadOnlyList<ProjectionItem> Items,
    IReadOnlyList<SortItem> OrderBy,
    Expression? Skip,
    Expression? Limit);

internal abstract record SetItem;

internal sealed record SetPropertyItem(PropertyExpression Target, Expression Value) : SetItem;

/// <summary><c>SET n = map</c> (replace all properties) or <c>SET n += map</c> (merge into them).</summary>
internal sealed record SetAllPropertiesItem(string Variable, Expression Value, bool Merge) : SetItem;

internal sealed record SetLabelsItem(string Variable, IReadOnlyList<string> Labels) : SetItem;

internal abstract record RemoveItem;

internal sealed record RemovePropertyItem(PropertyExpression Target) : RemoveItem;

internal sealed record RemoveLabelsItem(string Variable, IReadOnlyList<string> Labels) : RemoveItem;

internal sealed record SingleQuery(IReadOnlyList<Clause> Clauses);

/// <summary>A whole query: one or more single queries joined by UNION (all flags equal, checked by the parser).</summary>
internal sealed record QueryStatement(IReadOnlyList<SingleQuery> Parts, bool UnionAll);
