using System.Globalization;
using System.Text.RegularExpressions;

namespace IntelGraph.Questions.Forms;

/// <summary>
/// Matches a question against the catalogue's patterns. The first form, in catalogue order, with a pattern
/// that matches the whole normalised question wins, so the same question always gets the same form.
/// </summary>
public static class QuestionMatcher
{
    // The capture groups that hold entity names, in the order their parameters are listed.
    private static readonly string[] _mentionGroups = ["entity", "from", "to"];

    private static readonly string[] _numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>Returns the match of the question, or null when no form's pattern matches.</summary>
    public static QuestionMatch? Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);

        var text = QuestionText.Normalise(question);
        foreach (var form in QuestionCatalogue.Forms)
        {
            foreach (var pattern in form.Patterns)
            {
                Match match;
                try
                {
                    match = pattern.Match(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    // A question this hard to match is no phrasing of this pattern.
                    continue;
                }

                if (match.Success)
                {
                    return ToQuestionMatch(form, match);
                }
            }
        }

        return null;
    }

    /// <summary>Reads a hop count written as digits or as a word from "zero" to "ten"; null when it is neither.</summary>
    public static int? ParseHops(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hops))
        {
            return hops;
        }

        var index = Array.FindIndex(_numberWords, word => string.Equals(word, text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index;
    }

    private static QuestionMatch ToQuestionMatch(QuestionForm form, Match match)
    {
        var mentions = new List<KeyValuePair<string, string>>();
        foreach (var name in _mentionGroups)
        {
            if (match.Groups[name] is { Success: true } group)
            {
                mentions.Add(new(name, QuestionText.CleanMention(group.Value)));
            }
        }

        var kind = match.Groups["kind"] is { Success: true } kindGroup ? kindGroup.Value : null;
        var hops = match.Groups["hops"] is { Success: true } hopsGroup ? hopsGroup.Value : null;
        return new QuestionMatch(form, mentions, kind, hops);
    }
}
