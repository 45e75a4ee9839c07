using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Functions;

/// <summary>String functions. Positions and lengths count UTF-16 code units, as .NET strings do.</summary>
internal sealed partial class FunctionLibrary
{
    private void RegisterStringFunctions()
    {
        RegisterNullSafe("toLower", value => new StringValue(AsString("toLower", value).ToLowerInvariant()));
        RegisterNullSafe("lower", value => new StringValue(AsString("lower", value).ToLowerInvariant()));
        RegisterNullSafe("toUpper", value => new StringValue(AsString("toUpper", value).ToUpperInvariant()));
        RegisterNullSafe("upper", value => new StringValue(AsString("upper", value).ToUpperInvariant()));
        RegisterNullSafe("trim", value => new StringValue(AsString("trim", value).Trim()));
        RegisterNullSafe("ltrim", value => new StringValue(AsString("ltrim", value).TrimStart()));
        RegisterNullSafe("rtrim", value => new StringValue(AsString("rtrim", value).TrimEnd()));
        Register("substring", 2, 3, Substring);
        Register("left", 2, arguments => Prefix("left", arguments, fromEnd: false));
        Register("right", 2, arguments => Prefix("right", arguments, fromEnd: true));
        Register("replace", 3, arguments => arguments.Any(argument => argument.IsNull)
            ? CypherValue.Null
            : new StringValue(Replace(AsString("replace", arguments[0]), AsString("replace", arguments[1]), AsString("replace", arguments[2]))));
        Register("split", 2, arguments => arguments.Any(argument => argument.IsNull)
            ? CypherValue.Null
            : new ListValue(AsString("split", arguments[0]).Split(AsString("split", arguments[1]))
                .Select(part => (CypherValue)new StringValue(part)).ToList()));
    }

    /// <summary>
    /// Replaces every occurrence of <paramref name="search"/>. An empty search string matches before every
    /// UTF-16 code unit and at the end, as in Java's String.replace, instead of raising an error.
    /// </summary>
    private static string Replace(string original, string search, string replacement)
    {
        if (search.Length > 0)
        {
            return original.Replace(search, replacement, StringComparison.Ordinal);
        }

        var result = new System.Text.StringBuilder();
        result.Append(replacement);
        foreach (var character in original)
        {
            result.Append(character).Append(replacement);
        }

        return result.ToString();
    }

    private static CypherValue Substring(IReadOnlyList<CypherValue> arguments)
    {
        if (arguments[0].IsNull)
        {
            return CypherValue.Null;
        }

        var text = AsString("substring", arguments[0]);
        var start = AsInteger("substring", arguments[1]);
        var length = arguments.Count > 2 ? AsInteger("substring", arguments[2]) : long.MaxValue;
        if (start < 0 || length < 0)
        {
            throw CypherException.Argument("NumberOutOfRange", "substring() needs a non-negative start and length.");
        }

        if (start >= text.Length)
        {
            return new StringValue("");
        }

        return new StringValue(text.Substring((int)start, (int)Math.Min(length, text.Length - start)));
    }

    private static CypherValue Prefix(string function, IReadOnlyList<CypherValue> arguments, bool fromEnd)
    {
        if (arguments[0].IsNull)
        {
            return CypherValue.Null;
        }

        var text = AsString(function, arguments[0]);
        if (arguments[1].IsNull)
        {
            throw CypherException.Argument("NumberOutOfRange", $"{function}() needs a length.");
        }

        var length = AsInteger(function, arguments[1]);
        if (length < 0)
        {
            throw CypherException.Argument("NumberOutOfRange", $"{function}() needs a non-negative length.");
        }

        var take = (int)Math.Min(length, text.Length);
        return new StringValue(fromEnd ? text[^take..] : text[..take]);
    }
}
