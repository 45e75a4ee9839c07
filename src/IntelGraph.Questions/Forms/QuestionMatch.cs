namespace IntelGraph.Questions.Forms;

/// <summary>
/// A question matched to a form: the entity names it mentions by parameter (<c>entity</c>, or <c>from</c> and
/// <c>to</c>), the kind word it names and the hop count it requests.
/// </summary>
/// <param name="Mentions">The entity names as written in the question, keyed by the parameter they fill, in the form's order.</param>
/// <param name="Kind">The kind word, such as "groups", or null when the question names none.</param>
/// <param name="HopsText">The hop count as written, such as "2" or "three", or null when the question gives none.</param>
public sealed record QuestionMatch(QuestionForm Form, IReadOnlyList<KeyValuePair<string, string>> Mentions, string? Kind, string? HopsText);
