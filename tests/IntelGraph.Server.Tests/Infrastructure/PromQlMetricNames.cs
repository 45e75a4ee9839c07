using System.Text.RegularExpressions;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>
/// Finds the metric names a PromQL expression selects. It removes what cannot be a metric name (string
/// literals, label matchers, range durations and grouping label lists), then keeps every identifier that
/// is not a function call or a keyword. It reads the expressions of this repository's dashboard and
/// alert rules, not every PromQL form.
/// </summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> _keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "atan2",
    };

    public static IReadOnlySet<string> In(string expression)
    {
        var text = StringLiteral().Replace(expression, string.Empty);
        text = LabelMatchers().Replace(text, string.Empty);
        text = RangeDuration().Replace(text, string.Empty);
        text = Grouping().Replace(text, string.Empty);

        return Identifier().Matches(text)
            .Where(match => !IsCall(text, match.Index + match.Length) && !_keywords.Contains(match.Value))
            .Select(match => match.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsCall(string text, int end)
    {
        var rest = text.AsSpan(end).TrimStart();
        return rest.Length > 0 && rest[0] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeDuration();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![0-9.])\b[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
