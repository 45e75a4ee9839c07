using System.Text;

namespace IntelGraph.Questions;

/// <summary>Puts a question into the one shape the form patterns expect.</summary>
internal static class QuestionText
{
    /// <summary>
    /// Trims the question, turns every run of white space into one space, straightens typographic quotes,
    /// and drops a leading "please" (with its comma) and trailing question marks, full stops and exclamation marks. Case is
    /// kept, because the entity names in the question are resolved as written.
    /// </summary>
    public static string Normalise(string question)
    {
        var text = new StringBuilder(question.Length);
        var pendingSpace = false;
        foreach (var character in question)
        {
            if (char.IsWhiteSpace(character) || char.IsControl(character))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(character switch
            {
                '\u2018' or '\u2019' => '\'',
                '\u201C' or '\u201D' => '"',
                _ => character,
            });
        }

        var normalised = text.ToString().TrimEnd('?', '.', '!', ' ');
        if (normalised.StartsWith("please", StringComparison.OrdinalIgnoreCase) && normalised.Length > 6 && normalised[6] is ' ' or ',')
        {
            normalised = normalised[6..].TrimStart(',', ' ');
        }

        return normalised;
    }

    /// <summary>Removes one pair of matching quotes or backticks around a name, and a leading "the ".</summary>
    public static string CleanMention(string mention)
    {
        var text = mention.Trim();
        if (text.Length >= 2 && (text[0], text[^1]) is ('"', '"') or ('\'', '\'') or ('`', '`'))
        {
            return text[1..^1].Trim();
        }

        return text;
    }
}
