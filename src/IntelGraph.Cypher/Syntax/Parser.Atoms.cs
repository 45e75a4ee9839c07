using System.Globalization;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Syntax;

/// <summary>
/// Atoms: literals, parameters, variables, function calls, CASE, list and map literals, comprehensions,
/// quantifiers, reduce, patterns used as expressions and EXISTS subqueries.
/// </summary>
internal sealed partial class Parser
{
    private Expression ParseAtom()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Float:
                return ParseNumber(negative: false);
            case TokenKind.String:
                Advance();
                return new LiteralExpression(new StringValue(token.Text));
            case TokenKind.Parameter:
                Advance();
                return new ParameterExpression(token.Text);
            case TokenKind.Symbol when token.Text == "[":
                return ParseListOrComprehension();
            case TokenKind.Symbol when token.Text == "{":
                return ParseMapLiteral();
            case TokenKind.Symbol when token.Text == "(":
                return ParseParenthesisOrPattern();
            case TokenKind.Identifier:
                return ParseIdentifierAtom();
            default:
                throw Unexpected("an expression");
        }
    }

    private Expression ParseIdentifierAtom()
    {
        var token = Current;
        if (!token.Quoted)
        {
            if (AcceptKeyword("TRUE"))
            {
                return new LiteralExpression(CypherValue.True);
            }

            if (AcceptKeyword("FALSE"))
            {
                return new LiteralExpression(CypherValue.False);
            }

            if (AcceptKeyword("NULL"))
            {
                return new LiteralExpression(CypherValue.Null);
            }

            if (token.IsKeyword("CASE"))
            {
                return ParseCase();
            }

            if (token.IsKeyword("COUNT") && Peek().IsSymbol("(") && Peek(2).IsSymbol("*"))
            {
                Advance();
                Advance();
                Advance();
                Expect(")");
                return new CountStarExpression();
            }

            if (token.IsKeyword("EXISTS") && Peek().IsSymbol("{"))
            {
                return ParseExistsSubquery();
            }

            var quantifier = QuantifierFor(token);
            if (quantifier is not null && Peek().IsSymbol("(") && Peek(2).Kind == TokenKind.Identifier && Peek(3).IsKeyword("IN"))
            {
                return ParseQuantifier(quantifier.Value);
            }

            if (token.IsKeyword("REDUCE") && Peek().IsSymbol("("))
            {
                return ParseReduce();
            }
        }

        if (IsFunctionCallAhead())
        {
            return ParseFunctionCall();
        }

        Advance();
        if (Current.IsSymbol("{"))
        {
            return ParseMapProjection(token.Text);
        }

        return new VariableExpression(token.Text);
    }

    private static QuantifierKind? QuantifierFor(Token token)
    {
        if (token.IsKeyword("ALL"))
        {
            return QuantifierKind.All;
        }

        if (token.IsKeyword("ANY"))
        {
            return QuantifierKind.Any;
        }

        if (token.IsKeyword("NONE"))
        {
            return QuantifierKind.None;
        }

        return token.IsKeyword("SINGLE") ? QuantifierKind.Single : null;
    }

    // A function name may be namespaced (date.truncate), so look past name.name... for the opening parenthesis.
    private bool IsFunctionCallAhead()
    {
        var offset = 1;
        while (Peek(offset).IsSymbol(".") && Peek(offset + 1).Kind == TokenKind.Identifier)
        {
            offset += 2;
        }

        return Peek(offset).IsSymbol("(");
    }

    private Expression ParseFunctionCall()
    {
        var position = Current.Position;
        var name = Advance().Text;
        while (Accept("."))
        {
            name += "." + Advance().Text;
        }

        Expect("(");
        var distinct = AcceptKeyword("DISTINCT");
        var arguments = new List<Expression>();
        if (!Accept(")"))
        {
            arguments.AddRange(ParseExpressionList());
            Expect(")");
        }

        return new FunctionCallExpression(name, distinct, arguments, position);
    }

    private Expression ParseNumber(bool negative)
    {
        var token = Advance();
        var text = negative ? "-" + token.Text : token.Text;
        if (token.Kind == TokenKind.Float)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsInfinity(number))
            {
                throw CypherException.Syntax("FloatingPointOverflow", $"The number {text} is too large for a float.", token.Position);
            }

            // Negative zero is written out as 0.0, as openCypher prints it.
            return new LiteralExpression(new FloatValue(number == 0 ? 0.0 : number));
        }

        return new LiteralExpression(new IntegerValue(ParseInteger(token, negative)));
    }

    private static long ParseInteger(Token token, bool negative)
    {
        var digits = token.Text;
        System.Numerics.BigInteger value;
        var valid = true;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            valid = digits.Length > 2 && digits[2..].All(char.IsAsciiHexDigit);
            value = valid ? System.Numerics.BigInteger.Parse("0" + digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 0;
        }
        else if (digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            valid = digits.Length > 2 && digits[2..].All(c => c is >= '0' and <= '7');
            value = valid ? digits[2..].Aggregate(System.Numerics.BigInteger.Zero, (sum, c) => (sum * 8) + (c - '0')) : 0;
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            valid = digits.All(c => c is >= '0' and <= '7');
            value = valid ? digits.Aggregate(System.Numerics.BigInteger.Zero, (sum, c) => (sum * 8) + (c - '0')) : 0;
        }
        else
        {
            valid = digits.All(char.IsAsciiDigit);
            value = valid ? System.Numerics.BigInteger.Parse(digits, CultureInfo.InvariantCulture) : 0;
        }

        if (!valid)
        {
            throw CypherException.Syntax("InvalidNumberLiteral", $"'{digits}' is not a valid number.", token.Position);
        }

        if (negative)
        {
            value = -value;
        }

        if (value > long.MaxValue || value < long.MinValue)
        {
            throw CypherException.Syntax("IntegerOverflow", $"The integer {(negative ? "-" : "")}{digits} does not fit in 64 bits.", token.Position);
        }

        return (long)value;
    }

    private Expression ParseListOrComprehension()
    {
        var start = _index;
        Expect("[");
        if (Current.Kind == TokenKind.Identifier && Peek().IsKeyword("IN"))
        {
            var variable = Advance().Text;
            Advance();
            var source = ParseExpression();
            var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
            var projection = Accept("|") ? ParseExpression() : null;
            Expect("]");
            return new ListComprehensionExpression(variable, source, where, projection);
        }

        var comprehension = TryParsePatternComprehension();
        if (comprehension is not null)
        {
            return comprehension;
        }

        _index = start + 1;
        var items = new List<Expression>();
        if (!Accept("]"))
        {
            items.AddRange(ParseExpressionList());
            Expect("]");
        }

        return new ListExpression(items);
    }

    private PatternComprehensionExpression? TryParsePatternComprehension()
    {
        var start = _index;
        try
        {
            string? pathVariable = null;
            if (Current.Kind == TokenKind.Identifier && Peek().IsSymbol("="))
            {
                pathVariable = Advance().Text;
                Advance();
            }

            if (!Current.IsSymbol("("))
            {
                _index = start;
                return null;
            }

            var pattern = ParsePatternChain(pathVariable);
            if (pattern.Relationships.Count == 0)
            {
                _index = start;
                return null;
            }

            var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
            Expect("|");
            var projection = ParseExpression();
            Expect("]");
            return new PatternComprehensionExpression(pathVariable, pattern, where, projection);
        }
        catch (CypherException)
        {
            _index = start;
            return null;
        }
    }

    private Expression ParseMapLiteral()
    {
        Expect("{");
        var entries = new List<KeyValuePair<string, Expression>>();
        if (!Accept("}"))
        {
            do
            {
                var key = ExpectName();
                Expect(":");
                entries.Add(new(key, ParseExpression()));
            }
            while (Accept(","));

            Expect("}");
        }

        return new MapExpression(entries);
    }

    private Expression ParseMapProjection(string variable)
    {
        Expect("{");
        var items = new List<MapProjectionItem>();
        if (!Accept("}"))
        {
            do
            {
                if (Accept("."))
                {
                    if (Accept("*"))
                    {
                        items.Add(new MapProjectionItem(null, null, AllProperties: true));
                    }
                    else
                    {
                        items.Add(new MapProjectionItem(ExpectName(), null, AllProperties: false));
                    }
                }
                else
                {
                    var key = ExpectName();
                    if (Accept(":"))
                    {
                        items.Add(new MapProjectionItem(key, ParseExpression(), AllProperties: false));
                    }
                    else
                    {
                        items.Add(new MapProjectionItem(key, new VariableExpression(key), AllProperties: false));
                    }
                }
            }
            while (Accept(","));

            Expect("}");
        }

        return new MapProjectionExpression(variable, items);
    }

    private Expression ParseParenthesisOrPattern()
    {
        var start = _index;
        try
        {
            var pattern = ParsePatternChain(null);
            if (pattern.Relationships.Count > 0)
            {
                return new PatternExpression(pattern);
            }
        }
        catch (CypherException)
        {
            // Not a pattern, so it is a parenthesised expression, and the parse below reports any real error.
        }

        _index = start;
        Expect("(");
        var inner = ParseExpression();
        Expect(")");
        return inner;
    }

    private Expression ParseCase()
    {
        ExpectKeyword("CASE");
        Expression? test = null;
        if (!Current.IsKeyword("WHEN"))
        {
            test = ParseExpression();
        }

        var alternatives = new List<(Expression, Expression)>();
        while (AcceptKeyword("WHEN"))
        {
            var when = ParseExpression();
            ExpectKeyword("THEN");
            alternatives.Add((when, ParseExpression()));
        }

        if (alternatives.Count == 0)
        {
            throw Unexpected("WHEN");
        }

        var otherwise = AcceptKeyword("ELSE") ? ParseExpression() : null;
        ExpectKeyword("END");
        return new CaseExpression(test, alternatives, otherwise);
    }

    private Expression ParseQuantifier(QuantifierKind kind)
    {
        Advance();
        Expect("(");
        var variable = ExpectName();
        ExpectKeyword("IN");
        var source = ParseExpression();
        var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
        Expect(")");
        return new QuantifierExpression(kind, variable, source, where);
    }

    private Expression ParseReduce()
    {
        Advance();
        Expect("(");
        var accumulator = ExpectName();
        Expect("=");
        var initial = ParseExpression();
        Expect(",");
        var variable = ExpectName();
        ExpectKeyword("IN");
        var source = ParseExpression();
        Expect("|");
        var body = ParseExpression();
        Expect(")");
        return new ReduceExpression(accumulator, initial, variable, source, body);
    }

    private Expression ParseExistsSubquery()
    {
        Advance();
        Expect("{");
        if (Current.IsSymbol("("))
        {
            var patterns = ParsePatternList();
            var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
            Expect("}");
            return new ExistsSubqueryExpression(patterns, where);
        }

        var query = ParseSingleQuery();
        Expect("}");

        // A subquery that is one MATCH is the same as the pattern form, which needs no nested executor.
        if (query.Clauses is [MatchClause { Optional: false } match])
        {
            return new ExistsSubqueryExpression(match.Patterns, match.Where);
        }

        return new ExistsSubqueryExpression([], null, query);
    }
}
