using System.Text.Json;
using System.Text.RegularExpressions;
using IntelGraph.Core;
using IntelGraph.Cypher;
using IntelGraph.Cypher.Graph;
using IntelGraph.Cypher.Values;
using IntelGraph.Graph.Storage;
using IntelGraph.Questions.Forms;

namespace IntelGraph.Questions.Execution;

/// <summary>
/// Runs the query of a preview. Only the catalogue's own templates run here, character for character, with
/// exactly the parameters each template names. Any other Cypher is rejected, so this path cannot become a way
/// around the checks of a general query endpoint.
/// </summary>
public static partial class PreviewedQuery
{
    // Entity ids fill these parameters; every other parameter is a list of entity types or null.
    private static readonly HashSet<string> _entityParameters = new(StringComparer.Ordinal) { "entity", "from", "to" };

    private static readonly Dictionary<string, (QuestionForm Form, HashSet<string> Parameters)> _templates = IndexTemplates();

    /// <summary>Returns the form that produces exactly this Cypher text, or null.</summary>
    public static QuestionForm? FindForm(string cypher) =>
        _templates.TryGetValue(cypher, out var template) ? template.Form : null;

    /// <summary>
    /// Checks that <paramref name="cypher"/> is a catalogue template and <paramref name="parameters"/> fill exactly
    /// its parameters, then runs it over a snapshot of the tenant's graph.
    /// </summary>
    /// <exception cref="PreviewedQueryException">The text is no template, or a parameter is missing, extra or of the wrong type.</exception>
    /// <exception cref="CypherException">The query failed while running.</exception>
    public static async Task<CypherResult> RunAsync(
        IGraphStore store,
        TenantId tenant,
        string cypher,
        IReadOnlyDictionary<string, object?> parameters,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        var values = Bind(cypher, parameters);
        var graph = await TenantGraphSnapshot.LoadAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        return CypherEngine.Execute(graph, cypher, values, cancellationToken);
    }

    /// <summary>Checks the query and its parameters as <see cref="RunAsync"/> does and returns the parameters as Cypher values.</summary>
    /// <exception cref="PreviewedQueryException">The text is no template, or a parameter is missing, extra or of the wrong type.</exception>
    public static IReadOnlyDictionary<string, CypherValue> Bind(string cypher, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(cypher);
        ArgumentNullException.ThrowIfNull(parameters);

        if (!_templates.TryGetValue(cypher, out var template))
        {
            throw new PreviewedQueryException(
                "cypher",
                "The Cypher is not a query that a question preview produces, character for character. Send the cypher of a preview unchanged; other queries go to the general query endpoint.");
        }

        var missing = template.Parameters.Where(name => !parameters.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        var extra = parameters.Keys.Where(name => !template.Parameters.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new PreviewedQueryException(
                "parameters",
                $"The parameters must be exactly {Describe(template.Parameters)} for this query of form '{template.Form.Name}'; missing: {Describe(missing)}; not expected: {Describe(extra)}.");
        }

        var values = new Dictionary<string, CypherValue>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values[name] = _entityParameters.Contains(name) ? EntityId(name, value) : EntityTypes(name, value);
        }

        return values;
    }

    /// <summary>Reads a parameter value from JSON: a string, an array of strings or null. Anything else is returned as is, for <see cref="Bind"/> to reject.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => ReadString(element),
        JsonValueKind.Array when element.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            element.EnumerateArray().Select(ReadString).ToArray(),
        _ => element.Clone(),
    };

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate such as "\ud800" is valid JSON syntax but cannot become a .NET string.
            throw new PreviewedQueryException("parameters", "A parameter string contains an unpaired surrogate escape, which is not valid Unicode text. Send the character itself or a complete surrogate pair.");
        }
    }

    private static StringValue EntityId(string name, object? value) =>
        value is string { Length: > 0 } id
            ? new StringValue(id)
            : throw new PreviewedQueryException("parameters", $"Parameter '{name}' must be a non-empty string: the id of an entity.");

    private static CypherValue EntityTypes(string name, object? value) => value switch
    {
        null => NullValue.Instance,
        IEnumerable<string> types => new ListValue([.. types.Select(type => new StringValue(type))]),
        _ => throw new PreviewedQueryException("parameters", $"Parameter '{name}' must be null or a list of entity types as strings."),
    };

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Select(name => "$" + name));
    }

    private static Dictionary<string, (QuestionForm, HashSet<string>)> IndexTemplates()
    {
        var templates = new Dictionary<string, (QuestionForm, HashSet<string>)>(StringComparer.Ordinal);
        foreach (var form in QuestionCatalogue.Forms)
        {
            foreach (var template in form.Templates)
            {
                var names = ParameterName().Matches(template).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
                templates.Add(template, (form, names));
            }
        }

        return templates;
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
