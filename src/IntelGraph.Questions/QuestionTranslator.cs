using System.Text.RegularExpressions;
using IntelGraph.Questions.Forms;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Questions;

/// <summary>
/// Turns a question into a Cypher preview: matches it to a form, resolves the names it mentions against one
/// tenant's entities and picks the form's template. Nothing is guessed: an unknown phrasing, an unknown name
/// or a name that fits two entities equally well returns a preview without a query, and its message names what to change.
/// </summary>
public sealed partial class QuestionTranslator(EntityDirectory directory)
{
    /// <summary>The longest question accepted, in characters.</summary>
    public const int MaxQuestionLength = 500;

    /// <summary>The forms as listed to a user whose question matched none.</summary>
    public static IReadOnlyList<SupportedQuestion> SupportedForms { get; } =
        [.. QuestionCatalogue.Forms.Select(form => new SupportedQuestion(form.Name, form.Question, form.Examples))];

    public QuestionPreview Translate(string question)
    {
        ArgumentNullException.ThrowIfNull(question);

        if (question.Length > MaxQuestionLength)
        {
            return Untranslated(question, QuestionOutcome.InvalidArgument, $"The question has {question.Length} characters; at most {MaxQuestionLength} are allowed.", form: null, []);
        }

        var match = QuestionMatcher.Match(question);
        if (match is null)
        {
            return new QuestionPreview(
                question,
                QuestionOutcome.Unsupported,
                "The question is not one of the supported forms, so it was not translated. Ask it in one of the forms listed, with an entity's name, alias or id in place of X, Y, T or M.",
                Form: null,
                Interpretation: null,
                Cypher: null,
                Parameters: new Dictionary<string, object?>(),
                Entities: [],
                SupportedForms);
        }

        var form = match.Form;
        var hops = form.DefaultHops;
        if (form.MinHops > 0 && match.HopsText is not null)
        {
            if (QuestionMatcher.ParseHops(match.HopsText) is not { } asked || asked < form.MinHops || asked > form.MaxHops)
            {
                return Untranslated(
                    question,
                    QuestionOutcome.InvalidArgument,
                    $"The question asks for '{match.HopsText}' hops; ask for {form.MinHops} to {form.MaxHops} hops, as digits or words.",
                    form.Name,
                    []);
            }

            hops = asked;
        }

        var mentions = match.Mentions.Select(mention => new EntityMention(mention.Key, directory.Resolve(mention.Value))).ToList();
        if (mentions.FirstOrDefault(mention => mention.Resolution.Status != EntityResolutionStatus.Resolved) is not null)
        {
            return Unresolved(question, form, mentions);
        }

        if (mentions.Count == 2 && mentions[0].Resolution.Entity!.Id == mentions[1].Resolution.Entity!.Id)
        {
            return Untranslated(
                question,
                QuestionOutcome.InvalidArgument,
                $"Both names resolve to the same entity, {Describe(mentions[0].Resolution.Entity!)}; name two different entities.",
                form.Name,
                mentions);
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            parameters[mention.Parameter] = mention.Resolution.Entity!.Id;
        }

        var cypher = form.TemplateFor(hops);
        if (cypher.Contains("$types", StringComparison.Ordinal))
        {
            parameters["types"] = match.Kind is null ? null : EntityKinds.TypesOf(match.Kind)?.ToArray();
        }

        var interpretation = Interpret(form, mentions, match.Kind, hops);
        return new QuestionPreview(
            question,
            QuestionOutcome.Translated,
            $"Read as: {interpretation} Run the query to get the answer.",
            form.Name,
            interpretation,
            cypher,
            parameters,
            mentions,
            []);
    }

    private static QuestionPreview Unresolved(string question, QuestionForm form, List<EntityMention> mentions)
    {
        var problems = new List<string>();
        foreach (var resolution in mentions.Select(mention => mention.Resolution))
        {
            switch (resolution.Status)
            {
                case EntityResolutionStatus.Ambiguous:
                    problems.Add($"'{resolution.Text}' matches {resolution.Candidates.Count} entities equally well: {string.Join("; ", resolution.Candidates.Select(Describe))}. Ask again with the id of the one you mean.");
                    break;
                case EntityResolutionStatus.NotFound when resolution.Candidates.Count > 0:
                    problems.Add($"No entity is called '{resolution.Text}'. Closest names: {string.Join("; ", resolution.Candidates.Select(Describe))}.");
                    break;
                case EntityResolutionStatus.NotFound:
                    problems.Add($"No entity is called '{resolution.Text}', and no name resembles it. Check the spelling, or find the entity with GET /graph/entities?label=.");
                    break;
            }
        }

        var outcome = mentions.Any(mention => mention.Resolution.Status == EntityResolutionStatus.Ambiguous)
            ? QuestionOutcome.Ambiguous
            : QuestionOutcome.EntityNotFound;
        return Untranslated(question, outcome, string.Join(" ", problems), form.Name, mentions);
    }

    private static QuestionPreview Untranslated(string question, QuestionOutcome outcome, string message, string? form, IReadOnlyList<EntityMention> mentions) =>
        new(question, outcome, message, form, Interpretation: null, Cypher: null, new Dictionary<string, object?>(), mentions, []);

    private static string Describe(EntityCandidate candidate) => $"{candidate.MatchedName} ({candidate.Type}, {candidate.Id})";

    /// <summary>Fills the form's question with the resolved labels, the hop count and the kind word.</summary>
    private static string Interpret(QuestionForm form, List<EntityMention> mentions, string? kind, int hops)
    {
        var next = 0;
        return Placeholder().Replace(form.Question, placeholder => placeholder.Value switch
        {
            "N" => hops.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "K" => kind ?? placeholder.Value,
            _ when next < mentions.Count => mentions[next++].Resolution.Entity!.Label,
            _ => placeholder.Value,
        });
    }

    [GeneratedRegex(@"\b[XYTMNK]\b", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
