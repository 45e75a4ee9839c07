using System.Globalization;

namespace IntelGraph.Cypher.Syntax;

/// <summary>Node, relationship and path patterns.</summary>
internal sealed partial class Parser
{
    private List<PatternPart> ParsePatternList()
    {
        var patterns = new List<PatternPart> { ParsePatternPart() };
        while (Accept(","))
        {
            patterns.Add(ParsePatternPart());
        }

        return patterns;
    }

    private PatternPart ParsePatternPart()
    {
        string? pathVariable = null;
        if (Current.Kind == TokenKind.Identifier && Peek().IsSymbol("="))
        {
            pathVariable = Advance().Text;
            Advance();
        }

        if ((Current.IsKeyword("shortestPath") || Current.IsKeyword("allShortestPaths")) && Peek().IsSymbol("("))
        {
            var kind = Advance().Text;
            Expect("(");
            var inner = ParsePatternChain(pathVariable);
            Expect(")");
            return inner with { ShortestPath = kind };
        }

        return ParsePatternChain(pathVariable);
    }

    private PatternPart ParsePatternChain(string? pathVariable)
    {
        var nodes = new List<NodePattern> { ParseNodePattern() };
        var relationships = new List<RelationshipPattern>();
        while (Current.IsSymbol("-") || Current.IsSymbol("<-"))
        {
            relationships.Add(ParseRelationshipPattern());
            nodes.Add(ParseNodePattern());
        }

        return new PatternPart(pathVariable, nodes, relationships);
    }

    private NodePattern ParseNodePattern()
    {
        var position = Current.Position;
        Expect("(");
        string? variable = null;
        if (Current.Kind == TokenKind.Identifier)
        {
            variable = Advance().Text;
        }

        var labels = ParseLabels();
        var properties = ParsePatternProperties();
        Expect(")");
        return new NodePattern(variable, labels, properties, position);
    }

    private Expression? ParsePatternProperties()
    {
        if (Current.IsSymbol("{"))
        {
            return ParseMapLiteral();
        }

        if (Current.Kind == TokenKind.Parameter)
        {
            return new ParameterExpression(Advance().Text);
        }

        return null;
    }

    private RelationshipPattern ParseRelationshipPattern()
    {
        var position = Current.Position;
        var pointsLeft = Advance().Text == "<-";
        string? variable = null;
        var types = new List<string>();
        Expression? properties = null;
        var isVariableLength = false;
        long? minHops = null;
        long? maxHops = null;
        if (Accept("["))
        {
            if (Current.Kind == TokenKind.Identifier)
            {
                variable = Advance().Text;
            }

            if (Accept(":"))
            {
                types.Add(ExpectName());
                while (Accept("|"))
                {
                    Accept(":");
                    types.Add(ExpectName());
                }
            }

            if (Accept("*"))
            {
                isVariableLength = true;
                (minHops, maxHops) = ParseHopRange();
            }

            properties = ParsePatternProperties();
            Expect("]");
        }

        bool pointsRight;
        if (Accept("->"))
        {
            pointsRight = true;
        }
        else
        {
            Expect("-");
            pointsRight = false;
        }

        var direction = (pointsLeft, pointsRight) switch
        {
            (true, false) => RelationshipDirection.RightToLeft,
            (false, true) => RelationshipDirection.LeftToRight,
            _ => RelationshipDirection.Either,
        };
        return new RelationshipPattern(variable, types, properties, direction, isVariableLength, minHops, maxHops, position);
    }

    private (long? Min, long? Max) ParseHopRange()
    {
        long? min = null;
        long? max = null;
        if (Current.Kind == TokenKind.Integer)
        {
            min = long.Parse(Advance().Text, CultureInfo.InvariantCulture);
        }

        if (Accept(".."))
        {
            if (Current.Kind == TokenKind.Integer)
            {
                max = long.Parse(Advance().Text, CultureInfo.InvariantCulture);
            }
        }
        else if (min is not null)
        {
            max = min;
        }

        return (min, max);
    }
}
