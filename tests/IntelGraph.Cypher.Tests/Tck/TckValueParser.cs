using System.Globalization;
using System.Text;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>
/// Parses the value notation of TCK tables and parameters: null, booleans, numbers, single-quoted strings,
/// lists, maps, nodes <c>(:L {k: v})</c>, relationships <c>[:T {k: v}]</c> and paths <c>&lt;(a)-[:T]-&gt;(b)&gt;</c>.
/// </summary>
internal sealed class TckValueParser
{
    private readonly string _text;
    private int _index;

    private TckValueParser(string text)
    {
        _text = text;
    }

    public static CypherValue Parse(string text)
    {
        var parser = new TckValueParser(text.Trim());
        var value = parser.ParseValue();
        parser.SkipSpace();
        if (parser._index != parser._text.Length)
        {
            throw new FormatException($"Unexpected text after the value at position {parser._index} in: {text}");
        }

        return value;
    }

    private CypherValue ParseValue()
    {
        SkipSpace();
        var c = _text[_index];
        switch (c)
        {
            case '\'':
                return new StringValue(ParseString());
            case '[':
                return _index + 1 < _text.Length && _text[_index + 1] == ':' ? new TckPathValue(ParseRelationship()) : ParseList();
            case '{':
                return new MapValue(ParseMap());
            case '(':
                return new TckPathValue(ParseNode());
            case '<':
                return new TckPathValue(ParsePath());
        }

        if (TryKeyword("null"))
        {
            return CypherValue.Null;
        }

        if (TryKeyword("true"))
        {
            return CypherValue.True;
        }

        if (TryKeyword("false"))
        {
            return CypherValue.False;
        }

        return ParseNumber();
    }

    private CypherValue ParseNumber()
    {
        var start = _index;
        while (_index < _text.Length && (char.IsLetterOrDigit(_text[_index]) || _text[_index] is '-' or '+' or '.'))
        {
            _index++;
        }

        var token = _text[start.._index];
        switch (token)
        {
            case "NaN":
                return new FloatValue(double.NaN);
            case "Infinity" or "+Infinity":
                return new FloatValue(double.PositiveInfinity);
            case "-Infinity":
                return new FloatValue(double.NegativeInfinity);
        }

        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new IntegerValue(integer);
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new FloatValue(number);
        }

        throw new FormatException($"'{token}' is not a TCK value.");
    }

    private string ParseString()
    {
        var builder = new StringBuilder();
        _index++;
        while (_text[_index] != '\'')
        {
            if (_text[_index] == '\\' && _index + 1 < _text.Length)
            {
                _index++;
            }

            builder.Append(_text[_index++]);
        }

        _index++;
        return builder.ToString();
    }

    private ListValue ParseList()
    {
        Expect('[');
        var items = new List<CypherValue>();
        SkipSpace();
        if (TryChar(']'))
        {
            return new ListValue(items);
        }

        do
        {
            items.Add(ParseValue());
            SkipSpace();
        }
        while (TryChar(','));

        Expect(']');
        return new ListValue(items);
    }

    private Dictionary<string, CypherValue> ParseMap()
    {
        Expect('{');
        var entries = new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        SkipSpace();
        if (TryChar('}'))
        {
            return entries;
        }

        do
        {
            SkipSpace();
            var key = ParseKey();
            SkipSpace();
            Expect(':');
            entries[key] = ParseValue();
            SkipSpace();
        }
        while (TryChar(','));

        Expect('}');
        return entries;
    }

    private string ParseKey()
    {
        if (TryChar('`'))
        {
            var end = _text.IndexOf('`', _index);
            var quoted = _text[_index..end];
            _index = end + 1;
            return quoted;
        }

        var start = _index;
        while (_index < _text.Length && (char.IsLetterOrDigit(_text[_index]) || _text[_index] == '_'))
        {
            _index++;
        }

        return _text[start.._index];
    }

    private string ParseNode()
    {
        Expect('(');
        var labels = new List<string>();
        SkipSpace();
        while (TryChar(':'))
        {
            labels.Add(ParseKey());
            SkipSpace();
        }

        var properties = _text[_index] == '{' ? ParseMap() : [];
        SkipSpace();
        Expect(')');
        var builder = new StringBuilder();
        TckCanonical.AppendNode(builder, labels, properties, sortLists: false);
        return builder.ToString();
    }

    private string ParseRelationship()
    {
        Expect('[');
        Expect(':');
        var type = ParseKey();
        SkipSpace();
        var properties = _text[_index] == '{' ? ParseMap() : [];
        SkipSpace();
        Expect(']');
        var builder = new StringBuilder();
        TckCanonical.AppendRelationship(builder, type, properties, sortLists: false);
        return builder.ToString();
    }

    private string ParsePath()
    {
        Expect('<');
        var builder = new StringBuilder("<");
        builder.Append(ParseNode());
        SkipSpace();
        while (!TryChar('>'))
        {
            var backward = TryText("<-");
            if (!backward)
            {
                Expect('-');
            }

            var relationship = ParseRelationship();
            var forward = TryText("->");
            if (!forward)
            {
                Expect('-');
            }

            builder.Append(backward ? "<-" : "-").Append(relationship).Append(forward ? "->" : "-");
            builder.Append(ParseNode());
            SkipSpace();
        }

        return builder.Append('>').ToString();
    }

    private bool TryKeyword(string keyword)
    {
        if (string.CompareOrdinal(_text, _index, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        var end = _index + keyword.Length;
        if (end < _text.Length && char.IsLetterOrDigit(_text[end]))
        {
            return false;
        }

        _index = end;
        return true;
    }

    private bool TryText(string text)
    {
        if (string.CompareOrdinal(_text, _index, text, 0, text.Length) != 0)
        {
            return false;
        }

        _index += text.Length;
        return true;
    }

    private bool TryChar(char c)
    {
        if (_index < _text.Length && _text[_index] == c)
        {
            _index++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!TryChar(c))
        {
            throw new FormatException($"Expected '{c}' at position {_index} in: {_text}");
        }
    }

    private void SkipSpace()
    {
        while (_index < _text.Length && char.IsWhiteSpace(_text[_index]))
        {
            _index++;
        }
    }
}
