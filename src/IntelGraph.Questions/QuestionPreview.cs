using System.Text.Json.Serialization;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Questions;

/// <summary>Whether a question became a query, and if not, why.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionOutcome>))]
public enum QuestionOutcome
{
    /// <summary>The question matched a form and every name in it resolved to one entity; the preview has the query.</summary>
    [JsonStringEnumMemberName("translated")]
    Translated,

    /// <summary>A name matched two or more entities equally well; the entities list them.</summary>
    [JsonStringEnumMemberName("ambiguous")]
    Ambiguous,

    /// <summary>A name matched no entity; the entities list names that resemble it.</summary>
    [JsonStringEnumMemberName("entity-not-found")]
    EntityNotFound,

    /// <summary>The question matched a form, but a value in it is out of range, such as 9 hops.</summary>
    [JsonStringEnumMemberName("invalid-argument")]
    InvalidArgument,

    /// <summary>The question matched no form; the preview lists the supported forms.</summary>
    [JsonStringEnumMemberName("unsupported")]
    Unsupported,
}

/// <summary>A name in the question and the entity it resolved to.</summary>
/// <param name="Parameter">The query parameter the entity's id fills, such as <c>entity</c>, <c>from</c> or <c>to</c>.</param>
public sealed record EntityMention(string Parameter, EntityResolution Resolution);

/// <summary>One supported form, as listed to a user whose question matched none.</summary>
public sealed record SupportedQuestion(string Form, string Question, IReadOnlyList<string> Examples);

/// <summary>
/// The translation of a question into Cypher, shown before anything runs. Running <see cref="Cypher"/> with
/// <see cref="Parameters"/> (see <see cref="Execution.PreviewedQuery"/>) returns the result.
/// </summary>
/// <param name="Message">One or two sentences for the user: what the question was read as, or why it was not translated and what to do.</param>
/// <param name="Form">The form's name, or null when the question matched none.</param>
/// <param name="Interpretation">The form's question with the resolved names filled in, or null when not translated.</param>
/// <param name="Cypher">The query text, taken unchanged from the catalogue, or null when not translated.</param>
/// <param name="Parameters">The query's parameters: entity ids as strings, entity types as a list of strings, or null.</param>
/// <param name="Entities">Every name the question mentions and what it resolved to.</param>
/// <param name="SupportedForms">Every supported form with examples when the question matched none; otherwise empty.</param>
public sealed record QuestionPreview(
    string Question,
    QuestionOutcome Outcome,
    string Message,
    string? Form,
    string? Interpretation,
    string? Cypher,
    IReadOnlyDictionary<string, object?> Parameters,
    IReadOnlyList<EntityMention> Entities,
    IReadOnlyList<SupportedQuestion> SupportedForms)
{
    /// <summary>The query's cost estimate and the budget's verdict on it; null until planned, and for a question that was not translated.</summary>
    public Querying.GraphQueryPlanView? Plan { get; init; }
}
