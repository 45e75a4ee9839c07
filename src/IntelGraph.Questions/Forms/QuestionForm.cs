using System.Text.RegularExpressions;

namespace IntelGraph.Questions.Forms;

/// <summary>
/// One kind of question the translator understands: its phrasings, the Cypher it becomes and what that
/// query returns. Templates take every value from the question as a <c>$parameter</c>, so no text of the
/// question ever becomes query text.
/// </summary>
public sealed class QuestionForm
{
    /// <summary>A stable name, such as <c>who-uses</c>, that clients may branch on.</summary>
    public required string Name { get; init; }

    /// <summary>The question with placeholders, such as "Who uses X?".</summary>
    public required string Question { get; init; }

    /// <summary>The columns of the query's rows and what they mean.</summary>
    public required string Returns { get; init; }

    /// <summary>Phrasings that the matcher recognises, with names from ATT&amp;CK for ICS.</summary>
    public required IReadOnlyList<string> Examples { get; init; }

    /// <summary>
    /// The Cypher texts of the form. Most forms have one. A form with a hop count has one per count from
    /// <see cref="MinHops"/> up, because openCypher takes the bounds of a variable-length pattern only as literals.
    /// </summary>
    public required IReadOnlyList<string> Templates { get; init; }

    /// <summary>The smallest hop count of a form whose templates differ by hops; zero for other forms.</summary>
    public int MinHops { get; init; }

    /// <summary>The largest hop count of a form whose templates differ by hops; zero for other forms.</summary>
    public int MaxHops => MinHops == 0 ? 0 : MinHops + Templates.Count - 1;

    /// <summary>The hop count a phrasing without one means; zero for forms without hops.</summary>
    public int DefaultHops { get; init; }

    /// <summary>Whether a kind word ("groups", "techniques") is required, as in "list all groups".</summary>
    public bool RequiresKind { get; init; }

    /// <summary>Anchored, case-insensitive patterns over the normalised question, tried in order.</summary>
    public required IReadOnlyList<Regex> Patterns { get; init; }

    /// <summary>Returns the template for <paramref name="hops"/>, which must lie within the form's range.</summary>
    public string TemplateFor(int hops) => MinHops == 0 ? Templates[0] : Templates[hops - MinHops];
}
