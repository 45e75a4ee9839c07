namespace IntelGraph.Cypher.Syntax;

/// <summary>
/// A recursive-descent parser for the openCypher query language. This file contains the token cursor and the
/// clauses, and the other parts of the class parse expressions and patterns.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _index;

    private Parser(string text)
    {
        _text = text;
        _tokens = new Lexer(text).Tokenize();
    }

    public static QueryStatement Parse(string text)
    {
        var parser = new Parser(text);
        var statement = parser.ParseStatement();
        return statement;
    }

    private Token Current => _tokens[_index];

    private Token Previous => _tokens[Math.Max(0, _index - 1)];

    private Token Peek(int offset = 1) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private QueryStatement ParseStatement()
    {
        var parts = new List<SingleQuery> { ParseSingleQuery() };
        bool? unionAll = null;
        while (AcceptKeyword("UNION"))
        {
            var position = Previous.Position;
            var all = AcceptKeyword("ALL");
            if (unionAll is not null && unionAll != all)
            {
                throw CypherException.Syntax("InvalidClauseComposition", "UNION and UNION ALL cannot be mixed in one query.", position);
            }

            unionAll = all;
            parts.Add(ParseSingleQuery());
        }

        Accept(";");
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected("the end of the query");
        }

        return new QueryStatement(parts, unionAll ?? false);
    }

    private SingleQuery ParseSingleQuery()
    {
        var clauses = new List<Clause>();
        while (Current.Kind != TokenKind.End && !Current.IsKeyword("UNION") && !Current.IsSymbol(";") && !Current.IsSymbol("}"))
        {
            clauses.Add(ParseClause());
        }

        if (clauses.Count == 0)
        {
            throw Unexpected("a clause");
        }

        return new SingleQuery(clauses);
    }

    private Clause ParseClause()
    {
        var position = Current.Position;
        if (AcceptKeyword("OPTIONAL"))
        {
            ExpectKeyword("MATCH");
            return ParseMatch(optional: true, position);
        }

        if (AcceptKeyword("MATCH"))
        {
            return ParseMatch(optional: false, position);
        }

        if (AcceptKeyword("UNWIND"))
        {
            var source = ParseExpression();
            ExpectKeyword("AS");
            return new UnwindClause(source, ExpectName(), position);
        }

        if (AcceptKeyword("WITH"))
        {
            var projection = ParseProjection();
            var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
            return new WithClause(projection, where, position);
        }

        if (AcceptKeyword("RETURN"))
        {
            return new ReturnClause(ParseProjection(), position);
        }

        if (AcceptKeyword("CREATE"))
        {
            return new CreateClause(ParsePatternList(), position);
        }

        if (AcceptKeyword("MERGE"))
        {
            return ParseMerge(position);
        }

        if (AcceptKeyword("SET"))
        {
            return new SetClause(ParseSetItems(), position);
        }

        if (AcceptKeyword("REMOVE"))
        {
            return new RemoveClause(ParseRemoveItems(), position);
        }

        if (AcceptKeyword("DETACH"))
        {
            ExpectKeyword("DELETE");
            return new DeleteClause(Detach: true, ParseExpressionList(), position);
        }

        if (AcceptKeyword("DELETE"))
        {
            return new DeleteClause(Detach: false, ParseExpressionList(), position);
        }

        if (AcceptKeyword("CALL"))
        {
            return ParseCall(position);
        }

        throw Unexpected("a clause such as MATCH, RETURN or CREATE");
    }

    private MatchClause ParseMatch(bool optional, SourcePosition position)
    {
        var patterns = ParsePatternList();
        var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
        return new MatchClause(optional, patterns, where, position);
    }

    private MergeClause ParseMerge(SourcePosition position)
    {
        var pattern = ParsePatternPart();
        var onCreate = new List<SetItem>();
        var onMatch = new List<SetItem>();
        while (Current.IsKeyword("ON"))
        {
            Advance();
            if (AcceptKeyword("CREATE"))
            {
                ExpectKeyword("SET");
                onCreate.AddRange(ParseSetItems());
            }
            else
            {
                ExpectKeyword("MATCH");
                ExpectKeyword("SET");
                onMatch.AddRange(ParseSetItems());
            }
        }

        return new MergeClause(pattern, onCreate, onMatch, position);
    }

    private CallClause ParseCall(SourcePosition position)
    {
        var name = ExpectName();
        while (Accept("."))
        {
            name += "." + ExpectName();
        }

        List<Expression>? arguments = null;
        if (Accept("("))
        {
            arguments = [];
            if (AcceptKeyword("DISTINCT"))
            {
                throw CypherException.Syntax("InvalidArgumentPassingMode", "DISTINCT is only allowed in aggregate functions, not in procedure arguments.", Previous.Position);
            }

            if (!Accept(")"))
            {
                arguments.AddRange(ParseExpressionList());
                Expect(")");
            }
        }

        if (!AcceptKeyword("YIELD"))
        {
            return new CallClause(name, arguments, null, YieldsAll: false, null, position);
        }

        var yields = new List<YieldItem>();
        var yieldsAll = Accept("*");
        if (!yieldsAll)
        {
            do
            {
                var output = ExpectName();
                yields.Add(new YieldItem(output, AcceptKeyword("AS") ? ExpectName() : output));
            }
            while (Accept(","));
        }

        var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
        return new CallClause(name, arguments, yields, yieldsAll, where, position);
    }

    private Projection ParseProjection()
    {
        var distinct = AcceptKeyword("DISTINCT");
        var includesAll = false;
        var items = new List<ProjectionItem>();
        if (Accept("*"))
        {
            includesAll = true;
            if (!Accept(","))
            {
                return ParseProjectionTail(distinct, includesAll, items);
            }
        }

        do
        {
            var start = Current;
            var expression = ParseExpression();
            if (AcceptKeyword("AS"))
            {
                items.Add(new ProjectionItem(expression, ExpectName(), HasAlias: true));
            }
            else
            {
                items.Add(new ProjectionItem(expression, SourceText(start, Previous), HasAlias: false));
            }
        }
        while (Accept(","));

        return ParseProjectionTail(distinct, includesAll, items);
    }

    private Projection ParseProjectionTail(bool distinct, bool includesAll, List<ProjectionItem> items)
    {
        var orderBy = new List<SortItem>();
        if (AcceptKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                var expression = ParseExpression();
                var descending = false;
                if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING"))
                {
                    descending = true;
                }
                else if (!AcceptKeyword("ASC"))
                {
                    AcceptKeyword("ASCENDING");
                }

                orderBy.Add(new SortItem(expression, descending));
            }
            while (Accept(","));
        }

        var skip = AcceptKeyword("SKIP") ? ParseExpression() : null;
        var limit = AcceptKeyword("LIMIT") ? ParseExpression() : null;
        return new Projection(distinct, includesAll, items, orderBy, skip, limit);
    }

    private List<SetItem> ParseSetItems()
    {
        var items = new List<SetItem>();
        do
        {
            var position = Current.Position;
            var target = ParsePostfix(allowLabels: false);
            if (target is VariableExpression variable && Current.IsSymbol(":"))
            {
                items.Add(new SetLabelsItem(variable.Name, ParseLabels()));
            }
            else if (target is VariableExpression whole && (Current.IsSymbol("=") || Current.IsSymbol("+=")))
            {
                var merge = Advance().Text == "+=";
                items.Add(new SetAllPropertiesItem(whole.Name, ParseExpression(), merge));
            }
            else if (target is PropertyExpression property)
            {
                Expect("=");
                items.Add(new SetPropertyItem(property, ParseExpression()));
            }
            else
            {
                throw CypherException.Syntax("UnexpectedSyntax", "SET expects a property, a variable or labels.", position);
            }
        }
        while (Accept(","));

        return items;
    }

    private List<RemoveItem> ParseRemoveItems()
    {
        var items = new List<RemoveItem>();
        do
        {
            var position = Current.Position;
            var target = ParsePostfix(allowLabels: false);
            if (target is VariableExpression variable && Current.IsSymbol(":"))
            {
                items.Add(new RemoveLabelsItem(variable.Name, ParseLabels()));
            }
            else if (target is PropertyExpression property)
            {
                items.Add(new RemovePropertyItem(property));
            }
            else
            {
                throw CypherException.Syntax("UnexpectedSyntax", "REMOVE expects a property or labels.", position);
            }
        }
        while (Accept(","));

        return items;
    }

    private List<string> ParseLabels()
    {
        var labels = new List<string>();
        while (Accept(":"))
        {
            labels.Add(ExpectName());
        }

        return labels;
    }

    private List<Expression> ParseExpressionList()
    {
        var expressions = new List<Expression> { ParseExpression() };
        while (Accept(","))
        {
            expressions.Add(ParseExpression());
        }

        return expressions;
    }

    private string SourceText(Token first, Token last) =>
        _text[first.Offset..(last.Offset + last.Length)];

    private Token Advance()
    {
        var token = Current;
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private bool Accept(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        Advance();
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        Advance();
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
        {
            throw Unexpected($"'{symbol}'");
        }
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw Unexpected(keyword);
        }
    }

    private string ExpectName()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Unexpected("a name");
        }

        return Advance().Text;
    }

    private CypherException Unexpected(string expected)
    {
        var found = Current.Kind == TokenKind.End ? "the end of the query" : $"'{Current.Text}'";
        return CypherException.Syntax("UnexpectedSyntax", $"Expected {expected} but found {found}.", Current.Position);
    }
}
