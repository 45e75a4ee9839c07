using System.Collections.Frozen;

namespace IntelGraph.Questions.Forms;

/// <summary>
/// The words analysts use for kinds of entities ("groups", "techniques") and the entity types each word
/// stands for. A question names a kind only through these words, so the types that reach a query always
/// come from this table, never from the question's text.
/// </summary>
public static class EntityKinds
{
    private static readonly FrozenDictionary<string, string[]> _typesByWord = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["group"] = ["intrusion-set"],
        ["threat group"] = ["intrusion-set"],
        ["actor"] = ["intrusion-set"],
        ["threat actor"] = ["intrusion-set"],
        ["intrusion set"] = ["intrusion-set"],
        ["technique"] = ["attack-pattern"],
        ["attack pattern"] = ["attack-pattern"],
        ["ttp"] = ["attack-pattern"],
        ["malware"] = ["malware"],
        ["tool"] = ["tool"],
        ["software"] = ["malware", "tool"],
        ["campaign"] = ["campaign"],
        ["mitigation"] = ["course-of-action"],
        ["course of action"] = ["course-of-action"],
        ["asset"] = ["x-mitre-asset"],
        ["tactic"] = ["x-mitre-tactic"],
        ["detection strategy"] = ["x-mitre-detection-strategy"],
        ["data source"] = ["x-mitre-data-source"],
        ["data component"] = ["x-mitre-data-component"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>A regular expression alternation of every kind word, singular or plural, longest first.</summary>
    internal static string Pattern { get; } = string.Join(
        "|",
        _typesByWord.Keys
            .SelectMany(word => new[] { word, Plural(word) })
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(word => word.Length)
            .ThenBy(word => word, StringComparer.Ordinal)
            .Select(word => System.Text.RegularExpressions.Regex.Escape(word).Replace("\\ ", " ", StringComparison.Ordinal)));

    /// <summary>The kind words in alphabetical order, for the list of supported questions.</summary>
    public static IReadOnlyList<string> Words { get; } = [.. _typesByWord.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Returns the entity types a kind word stands for, or null when the word is not a kind.</summary>
    public static IReadOnlyList<string>? TypesOf(string word)
    {
        var singular = word.Trim();
        if (_typesByWord.TryGetValue(singular, out var types))
        {
            return types;
        }

        foreach (var (key, value) in _typesByWord)
        {
            if (string.Equals(Plural(key), singular, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string Plural(string word) => word switch
    {
        "malware" or "software" => word,
        "course of action" => "courses of action",
        "detection strategy" => "detection strategies",
        _ => word + "s",
    };
}
