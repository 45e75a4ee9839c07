using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IntelGraph.Flags.Yaml;

/// <summary>
/// Loads one YAML document into YamlDotNet's node tree and reads typed values from it, collecting a
/// <see cref="FlagsFileError"/> with line, column and field path for every value of the wrong type.
/// Shared by the flags file and the rollout plan readers.
/// </summary>
internal sealed class YamlFieldReader(string file)
{
    private readonly List<FlagsFileError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<FlagsFileError> Errors => _errors;

    /// <summary>Parses the text and returns its root mapping, or null after recording why it has none.</summary>
    public YamlMappingNode? LoadRoot(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var (line, column) = LocateSyntaxError(text, ex);
            _errors.Add(new FlagsFileError(File, line, column, string.Empty, $"invalid YAML: {SyntaxMessage(ex)}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1.0 throws this instead of a YamlException for some unclosed flow collections.
            var (line, column) = LocateSyntaxError(text, null);
            _errors.Add(new FlagsFileError(File, line, column, string.Empty, "invalid YAML: the text after this point cannot be parsed; check for an unclosed [ or {."));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            AddWholeFile($"expected one YAML document, found {stream.Documents.Count}.");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Add(stream.Documents[0].RootNode, string.Empty, "expected a mapping at the top of the file.");
            return null;
        }

        return root;
    }

    /// <summary>
    /// Finds where parsing failed. YamlDotNet reports some errors, such as a tab in the indentation, at
    /// line 1, column 1; then the position is the first tab-indented line after the last parsed node, or
    /// that node's end.
    /// </summary>
    private static (long Line, long Column) LocateSyntaxError(string text, YamlException? exception)
    {
        if (exception is not null && (exception.Start.Line > 1 || exception.Start.Column > 1))
        {
            return (exception.Start.Line, exception.Start.Column);
        }

        var parser = new Parser(new StringReader(text));
        var last = (Line: 1L, Column: 1L);
        try
        {
            while (parser.MoveNext())
            {
                last = (parser.Current!.End.Line, parser.Current.End.Column);
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Expected: the same error that stopped the load; the last parsed position is what is wanted.
        }

        var lines = text.Split('\n');
        for (var index = (int)last.Line - 1; index >= 0 && index < lines.Length; index++)
        {
            var indentation = lines[index].Length - lines[index].TrimStart(' ', '\t').Length;
            var tab = lines[index].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return (index + 1, tab + 1);
            }
        }

        return last;
    }

    /// <summary>Returns YamlDotNet's message without the position prefix "(Line: 3, Col: 5, Idx: 20) - (…): ", which the error carries already.</summary>
    private static string SyntaxMessage(YamlException exception)
    {
        var message = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }

    public void Add(YamlNode node, string field, string message) =>
        _errors.Add(new FlagsFileError(File, node.Start.Line, node.Start.Column, field, message));

    public void AddWholeFile(string message) => _errors.Add(new FlagsFileError(File, 0, 0, string.Empty, message));

    public static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    /// <summary>Returns the mapping's entries keyed by plain string keys; an entry whose key is not a string is recorded and skipped.</summary>
    public List<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping, string field)
    {
        var entries = new List<(YamlScalarNode, YamlNode)>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
            {
                entries.Add((scalar, value));
            }
            else
            {
                Add(key, field, "expected a plain name as the key.");
            }
        }

        return entries;
    }

    /// <summary>Records every key of the mapping that is not in <paramref name="allowed"/>, naming the allowed ones.</summary>
    public void RejectUnknownKeys(YamlMappingNode mapping, string field, params string[] allowed)
    {
        foreach (var (key, _) in Entries(mapping, field))
        {
            if (!allowed.Contains(key.Value, StringComparer.Ordinal))
            {
                Add(key, Join(field, key.Value!), $"unknown field; expected one of {string.Join(", ", allowed)}.");
            }
        }
    }

    public static YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>True for an empty plain scalar, which YAML reads as null (<c>key:</c> with nothing after it).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    public YamlMappingNode? Mapping(YamlNode node, string field)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Add(node, field, $"expected a mapping, found {Describe(node)}.");
        return null;
    }

    /// <summary>Reads a YAML 1.2 boolean: plain <c>true</c> or <c>false</c>. Quoted text and YAML 1.1 words such as <c>yes</c> are rejected.</summary>
    public bool? Boolean(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        Add(node, field, $"expected true or false, found {Describe(node)}.");
        return null;
    }

    /// <summary>Reads a plain number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public double? Number(YamlNode node, string field, double minimum, double maximum)
    {
        var range = $"a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}";
        if (node is not YamlScalarNode { Style: ScalarStyle.Plain } scalar
            || !double.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Add(node, field, $"expected {range}, found {Describe(node)}.");
            return null;
        }

        if (value < minimum || value > maximum)
        {
            Add(node, field, $"invalid value {scalar.Value}; expected {range}.");
            return null;
        }

        return value;
    }

    /// <summary>Reads a whole number written without quotes.</summary>
    public long? Integer(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Add(node, field, $"expected a whole number, found {Describe(node)}.");
        return null;
    }

    /// <summary>Reads a non-empty string without control characters; a quoted value is fine.</summary>
    public string? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && !IsNull(node) && scalar.Value is { Length: > 0 } value)
        {
            if (value.Any(char.IsControl))
            {
                Add(node, field, "invalid text: it contains a line break or another control character.");
                return null;
            }

            return value.Trim();
        }

        Add(node, field, $"expected text, found {Describe(node)}.");
        return null;
    }

    /// <summary>Reads a sequence of texts; <paramref name="validate"/> returns an error message for a bad item, or null.</summary>
    public List<string>? TextList(YamlNode node, string field, Func<string, string?> validate)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Add(node, field, $"expected a list such as [a, b], found {Describe(node)}.");
            return null;
        }

        var items = new List<string>();
        var failed = false;
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var itemField = $"{field}[{index}]";
            var item = sequence.Children[index];
            var text = Text(item, itemField);
            if (text is null)
            {
                failed = true;
                continue;
            }

            if (validate(text) is { } problem)
            {
                Add(item, itemField, problem);
                failed = true;
                continue;
            }

            if (items.Contains(text, StringComparer.Ordinal))
            {
                Add(item, itemField, $"'{text}' is listed twice.");
                failed = true;
                continue;
            }

            items.Add(text);
        }

        return failed ? null : items;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar => $"the quoted text \"{Shorten(scalar.Value)}\"",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value)}'",
        _ => "an unsupported node",
    };

    private static string Shorten(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.Length <= 40 ? value : value[..40] + "…";
    }
}
