using System.Globalization;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Syntax;

/// <summary>
/// Expressions, from the loosest operator to the tightest: OR, XOR, AND, NOT, comparison chains, the
/// string, list and null predicates, + and -, *, / and %, ^, unary signs, then postfix access on atoms.
/// </summary>
internal sealed partial class Parser
{
    private static readonly string[] _comparisonOperators = ["=", "<>", "!=", "<", ">", "<=", ">="];

    private Expression ParseExpression() => ParseOr();

    private Expression ParseOr()
    {
        var left = ParseXor();
        while (AcceptKeyword("OR"))
        {
            left = new BinaryExpression(BinaryOperator.Or, left, ParseXor());
        }

        return left;
    }

    private Expression ParseXor()
    {
        var left = ParseAnd();
        while (AcceptKeyword("XOR"))
        {
            left = new BinaryExpression(BinaryOperator.Xor, left, ParseAnd());
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (AcceptKeyword("AND"))
        {
            left = new BinaryExpression(BinaryOperator.And, left, ParseNot());
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (AcceptKeyword("NOT"))
        {
            return new UnaryExpression(UnaryOperator.Not, ParseNot());
        }

        return ParseComparison();
    }

    private Expression ParseComparison()
    {
        var first = ParsePredicates();
        var operands = new List<Expression> { first };
        var operators = new List<string>();
        SplitLessThanMinus();
        while (Current.Kind == TokenKind.Symbol && _comparisonOperators.Contains(Current.Text))
        {
            var op = Advance().Text;
            operators.Add(op == "!=" ? "<>" : op);
            operands.Add(ParsePredicates());
            SplitLessThanMinus();
        }

        return operators.Count == 0 ? first : new ComparisonExpression(operands, operators);
    }

    // The lexer reads "<-" as an arrow, but after an operand it is "less than" followed by a minus sign, as in x<-1.
    private void SplitLessThanMinus()
    {
        if (!Current.IsSymbol("<-"))
        {
            return;
        }

        var arrow = Current;
        _tokens[_index] = arrow with { Text = "<", Length = 1 };
        _tokens.Insert(_index + 1, arrow with { Text = "-", Length = 1, Offset = arrow.Offset + 1, Position = arrow.Position with { Column = arrow.Position.Column + 1 } });
    }

    private Expression ParsePredicates()
    {
        var left = ParseAdditive();
        while (true)
        {
            if (Current.IsKeyword("STARTS") && Peek().IsKeyword("WITH"))
            {
                Advance();
                Advance();
                left = new BinaryExpression(BinaryOperator.StartsWith, left, ParseAdditive());
            }
            else if (Current.IsKeyword("ENDS") && Peek().IsKeyword("WITH"))
            {
                Advance();
                Advance();
                left = new BinaryExpression(BinaryOperator.EndsWith, left, ParseAdditive());
            }
            else if (AcceptKeyword("CONTAINS"))
            {
                left = new BinaryExpression(BinaryOperator.Contains, left, ParseAdditive());
            }
            else if (AcceptKeyword("IN"))
            {
                left = new BinaryExpression(BinaryOperator.In, left, ParseAdditive());
            }
            else if (Accept("=~"))
            {
                left = new BinaryExpression(BinaryOperator.RegexMatch, left, ParseAdditive());
            }
            else if (AcceptKeyword("IS"))
            {
                var negated = AcceptKeyword("NOT");
                ExpectKeyword("NULL");
                left = new IsNullExpression(left, negated);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            if (Accept("+"))
            {
                left = new BinaryExpression(BinaryOperator.Add, left, ParseMultiplicative());
            }
            else if (Accept("-"))
            {
                left = new BinaryExpression(BinaryOperator.Subtract, left, ParseMultiplicative());
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParseMultiplicative()
    {
        var left = ParsePower();
        while (true)
        {
            if (Accept("*"))
            {
                left = new BinaryExpression(BinaryOperator.Multiply, left, ParsePower());
            }
            else if (Accept("/"))
            {
                left = new BinaryExpression(BinaryOperator.Divide, left, ParsePower());
            }
            else if (Accept("%"))
            {
                left = new BinaryExpression(BinaryOperator.Modulo, left, ParsePower());
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParsePower()
    {
        var left = ParseUnary();
        while (Accept("^"))
        {
            left = new BinaryExpression(BinaryOperator.Power, left, ParseUnary());
        }

        return left;
    }

    private Expression ParseUnary()
    {
        if (Accept("-"))
        {
            // A minus directly before a number literal is part of the literal, so that -9223372036854775808 fits.
            if (Current.Kind is TokenKind.Integer or TokenKind.Float && !Peek().IsSymbol("^"))
            {
                var literal = ParseNumber(negative: true);
                return ParsePostfixOn(literal, allowLabels: true);
            }

            return new UnaryExpression(UnaryOperator.Negate, ParseUnary());
        }

        if (Accept("+"))
        {
            return new UnaryExpression(UnaryOperator.Plus, ParseUnary());
        }

        return ParsePostfix(allowLabels: true);
    }

    private Expression ParsePostfix(bool allowLabels) => ParsePostfixOn(ParseAtom(), allowLabels);

    private Expression ParsePostfixOn(Expression expression, bool allowLabels)
    {
        while (true)
        {
            if (Current.IsSymbol(".") && Peek().Kind == TokenKind.Identifier)
            {
                Advance();
                expression = new PropertyExpression(expression, Advance().Text);
            }
            else if (Current.IsSymbol("["))
            {
                expression = ParseIndexOrSlice(expression);
            }
            else if (allowLabels && Current.IsSymbol(":") && Peek().Kind == TokenKind.Identifier)
            {
                expression = new HasLabelsExpression(expression, ParseLabels());
            }
            else
            {
                return expression;
            }
        }
    }

    private Expression ParseIndexOrSlice(Expression target)
    {
        Expect("[");
        if (Accept(".."))
        {
            var to = Current.IsSymbol("]") ? null : ParseExpression();
            Expect("]");
            return new SliceExpression(target, null, to);
        }

        var from = ParseExpression();
        if (Accept(".."))
        {
            var to = Current.IsSymbol("]") ? null : ParseExpression();
            Expect("]");
            return new SliceExpression(target, from, to);
        }

        Expect("]");
        return new IndexExpression(target, from);
    }
}
