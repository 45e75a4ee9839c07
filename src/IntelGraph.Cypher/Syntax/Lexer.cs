using System.Globalization;
using System.Text;

namespace IntelGraph.Cypher.Syntax;

/// <summary>Splits query text into tokens, skipping whitespace and both comment styles.</summary>
internal sealed class Lexer(string text)
{
    // Two-character symbols come first, so that "<=" is not read as "<" followed by "=".
    private static readonly string[] _symbols =
    [
        "..", "<>", "<=", ">=", "=~", "+=", "->", "<-", "!=",
        "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "|", "$",
        "+", "-", "*", "/", "%", "^", "=", "<", ">",
    ];

    private int _index;
    private int _line = 1;
    private int _lineStart;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            var position = Position;
            if (_index >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", position) { Offset = text.Length });
                return tokens;
            }

            var start = _index;
            var token = ReadToken(position);
            tokens.Add(token with { Offset = start, Length = _index - start });
        }
    }

    private SourcePosition Position => new(_line, _index - _lineStart + 1);

    private Token ReadToken(SourcePosition position)
    {
        var c = text[_index];
        if (char.IsDigit(c) || (c == '.' && _index + 1 < text.Length && char.IsDigit(text[_index + 1])))
        {
            return ReadNumber(position);
        }

        if (c is '\'' or '"')
        {
            return new Token(TokenKind.String, ReadString(c, position), position);
        }

        if (c == '`')
        {
            return new Token(TokenKind.Identifier, ReadQuotedIdentifier(position), position, Quoted: true);
        }

        if (IsIdentifierStart(c))
        {
            return new Token(TokenKind.Identifier, ReadIdentifier(), position);
        }

        if (c == '$')
        {
            _index++;
            if (_index < text.Length && text[_index] == '`')
            {
                return new Token(TokenKind.Parameter, ReadQuotedIdentifier(position), position);
            }

            if (_index < text.Length && (IsIdentifierStart(text[_index]) || char.IsDigit(text[_index])))
            {
                return new Token(TokenKind.Parameter, ReadIdentifier(), position);
            }

            throw CypherException.Syntax("UnexpectedSyntax", "A parameter name is missing after '$'.", position);
        }

        foreach (var symbol in _symbols)
        {
            if (string.CompareOrdinal(text, _index, symbol, 0, symbol.Length) == 0)
            {
                _index += symbol.Length;
                return new Token(TokenKind.Symbol, symbol, position);
            }
        }

        throw CypherException.Syntax("UnexpectedSyntax", $"Unexpected character '{c}'.", position);
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private string ReadIdentifier()
    {
        var start = _index;
        while (_index < text.Length && IsIdentifierPart(text[_index]))
        {
            _index++;
        }

        return text[start.._index];
    }

    private string ReadQuotedIdentifier(SourcePosition position)
    {
        var builder = new StringBuilder();
        _index++;
        while (true)
        {
            if (_index >= text.Length)
            {
                throw CypherException.Syntax("UnexpectedSyntax", "A quoted name is missing its closing backtick.", position);
            }

            if (text[_index] == '`')
            {
                // Two backticks inside a quoted name stand for one backtick.
                if (_index + 1 < text.Length && text[_index + 1] == '`')
                {
                    builder.Append('`');
                    _index += 2;
                    continue;
                }

                _index++;
                return builder.ToString();
            }

            builder.Append(text[_index++]);
        }
    }

    private Token ReadNumber(SourcePosition position)
    {
        var start = _index;
        if (text[_index] == '0' && _index + 1 < text.Length && text[_index + 1] is 'x' or 'X')
        {
            _index += 2;
            while (_index < text.Length && IsIdentifierPart(text[_index]))
            {
                _index++;
            }

            return new Token(TokenKind.Integer, text[start.._index], position);
        }

        var isFloat = false;
        while (_index < text.Length && char.IsDigit(text[_index]))
        {
            _index++;
        }

        if (_index + 1 < text.Length && text[_index] == '.' && char.IsDigit(text[_index + 1]))
        {
            isFloat = true;
            _index++;
            while (_index < text.Length && char.IsDigit(text[_index]))
            {
                _index++;
            }
        }

        if (_index < text.Length && text[_index] is 'e' or 'E')
        {
            var save = _index;
            _index++;
            if (_index < text.Length && text[_index] is '+' or '-')
            {
                _index++;
            }

            if (_index < text.Length && char.IsDigit(text[_index]))
            {
                isFloat = true;
                while (_index < text.Length && char.IsDigit(text[_index]))
                {
                    _index++;
                }
            }
            else
            {
                _index = save;
            }
        }

        // A number running straight into letters (such as 9a or 0o8) is not a valid literal.
        while (_index < text.Length && IsIdentifierPart(text[_index]))
        {
            _index++;
        }

        return new Token(isFloat ? TokenKind.Float : TokenKind.Integer, text[start.._index], position);
    }

    private string ReadString(char quote, SourcePosition position)
    {
        var builder = new StringBuilder();
        _index++;
        while (true)
        {
            if (_index >= text.Length)
            {
                throw CypherException.Syntax("UnexpectedSyntax", "A string literal is missing its closing quote.", position);
            }

            var c = text[_index++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _index;
                }

                builder.Append(c);
                continue;
            }

            if (_index >= text.Length)
            {
                throw CypherException.Syntax("UnexpectedSyntax", "A string literal ends with a lone backslash.", position);
            }

            var escape = text[_index++];
            switch (escape)
            {
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'u':
                case 'U':
                    builder.Append(ReadUnicodeEscape(escape == 'u' ? 4 : 8, position));
                    break;
                default:
                    builder.Append('\\').Append(escape);
                    break;
            }
        }
    }

    private string ReadUnicodeEscape(int digits, SourcePosition position)
    {
        if (_index + digits > text.Length ||
            !int.TryParse(text.AsSpan(_index, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw CypherException.Syntax("InvalidUnicodeLiteral", "A \\u escape needs hexadecimal digits.", position);
        }

        _index += digits;
        return char.ConvertFromUtf32(code);
    }

    private void SkipTrivia()
    {
        while (_index < text.Length)
        {
            var c = text[_index];
            if (c == '\n')
            {
                _index++;
                _line++;
                _lineStart = _index;
            }
            else if (char.IsWhiteSpace(c))
            {
                _index++;
            }
            else if (c == '/' && _index + 1 < text.Length && text[_index + 1] == '/')
            {
                while (_index < text.Length && text[_index] != '\n')
                {
                    _index++;
                }
            }
            else if (c == '/' && _index + 1 < text.Length && text[_index + 1] == '*')
            {
                var end = text.IndexOf("*/", _index + 2, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end + 2;
                for (; _index < stop; _index++)
                {
                    if (text[_index] == '\n')
                    {
                        _line++;
                        _lineStart = _index + 1;
                    }
                }
            }
            else
            {
                return;
            }
        }
    }
}
