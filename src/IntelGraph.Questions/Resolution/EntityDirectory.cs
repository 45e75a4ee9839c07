using System.Text;
using F23.StringSimilarity;
using IntelGraph.Core;
using IntelGraph.Graph;
using IntelGraph.Graph.Storage;

namespace IntelGraph.Questions.Resolution;

/// <summary>
/// The names of one tenant's entities, labels and aliases, for resolving the names in a question. Resolution
/// tries the id first. Next come the label and then an alias, exactly as written, and then the same two ignoring
/// case and runs of white space. Last come labels and aliases a few edits away. It stops at the first level where
/// anything matches, and when two or more entities match at that level it names them all and picks none.
/// </summary>
public sealed class EntityDirectory
{
    /// <summary>The maximum number of names offered when nothing matched.</summary>
    public const int MaxSuggestions = 5;

    // A suggestion must share at least this share of its characters with the text, or it only adds noise.
    private const double MinSuggestionScore = 0.5;

    private static readonly OptimalStringAlignment _distance = new();

    private readonly Dictionary<string, GraphEntity> _entities;
    private readonly List<NameEntry> _names;

    public EntityDirectory(IEnumerable<GraphEntity> entities, IEnumerable<EntityAlias> aliases)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(aliases);

        _entities = new Dictionary<string, GraphEntity>(StringComparer.Ordinal);
        _names = [];
        foreach (var entity in entities)
        {
            _entities[entity.Id] = entity;
            _names.Add(new NameEntry(entity, entity.Label, IsAlias: false, Fold(entity.Label)));
        }

        foreach (var alias in aliases)
        {
            // The store keeps an alias only for a stored entity, but a caller may pass any pair.
            if (_entities.TryGetValue(alias.EntityId, out var entity))
            {
                _names.Add(new NameEntry(entity, alias.Alias, IsAlias: true, Fold(alias.Alias)));
            }
        }
    }

    public int EntityCount => _entities.Count;

    /// <summary>Reads every entity and alias of the tenant.</summary>
    // NOTE: each question reads all of the tenant's names into memory and compares the name with each of them, so
    // its time and memory grow with the tenant's size.
    public static async Task<EntityDirectory> LoadAsync(IGraphStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        var entities = new List<GraphEntity>();
        await foreach (var entity in store.ScanEntitiesAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            entities.Add(entity);
        }

        var aliases = new List<EntityAlias>();
        await foreach (var alias in store.ScanEntityAliasesAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(alias);
        }

        return new EntityDirectory(entities, aliases);
    }

    /// <summary>
    /// Returns the maximum number of edits between a name of <paramref name="length"/> characters and a label or
    /// alias that still counts as a match: none below 4 characters, one up to 7 and two from 8. Short names differ by
    /// one character from other real names (APT33, APT38), so a typo there is no evidence of either.
    /// </summary>
    public static int AllowedEdits(int length) => length switch
    {
        < 4 => 0,
        <= 7 => 1,
        _ => 2,
    };

    /// <summary>Resolves a name to one entity, to the equally close entities, or to nothing with suggestions.</summary>
    public EntityResolution Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var resolution = ResolveExactly(text);
        if (resolution.Status == EntityResolutionStatus.NotFound && text.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            // "who uses the Triton malware" reads naturally, but no entity is called "the Triton".
            var withoutArticle = ResolveExactly(text[4..]);
            if (withoutArticle.Status != EntityResolutionStatus.NotFound)
            {
                return withoutArticle with { Text = text };
            }
        }

        return resolution;
    }

    private EntityResolution ResolveExactly(string text)
    {
        if (_entities.TryGetValue(text, out var byId))
        {
            return Resolved(text, Candidate(byId, EntityMatchKind.Id, byId.Id, edits: 0, text));
        }

        var folded = Fold(text);
        var levels = new (EntityMatchKind Kind, Func<NameEntry, bool> Matches)[]
        {
            (EntityMatchKind.Label, name => !name.IsAlias && string.Equals(name.Name, text, StringComparison.Ordinal)),
            (EntityMatchKind.Alias, name => name.IsAlias && string.Equals(name.Name, text, StringComparison.Ordinal)),
            (EntityMatchKind.LabelIgnoringCase, name => !name.IsAlias && string.Equals(name.Folded, folded, StringComparison.Ordinal)),
            (EntityMatchKind.AliasIgnoringCase, name => name.IsAlias && string.Equals(name.Folded, folded, StringComparison.Ordinal)),
        };

        foreach (var (kind, matches) in levels)
        {
            var candidates = Distinct(_names.Where(matches).Select(name => Candidate(name.Entity, kind, name.Name, edits: 0, text)));
            if (candidates.Count > 0)
            {
                return Decide(text, candidates);
            }
        }

        return ResolveTypo(text, folded);
    }

    private EntityResolution ResolveTypo(string text, string folded)
    {
        var allowed = AllowedEdits(folded.Length);
        var scored = _names
            .Select(name => (Name: name, Edits: (int)_distance.Distance(folded, name.Folded)))
            .ToList();

        var best = scored.Where(pair => pair.Edits <= allowed).Select(pair => pair.Edits).DefaultIfEmpty(-1).Min();
        if (allowed > 0 && best > 0)
        {
            var candidates = Distinct(scored
                .Where(pair => pair.Edits == best)
                .OrderBy(pair => pair.Name.IsAlias)
                .Select(pair => Candidate(pair.Name.Entity, pair.Name.IsAlias ? EntityMatchKind.AliasTypo : EntityMatchKind.LabelTypo, pair.Name.Name, pair.Edits, text)));
            return Decide(text, candidates);
        }

        var suggestions = Distinct(scored
            .Select(pair => Candidate(pair.Name.Entity, EntityMatchKind.Suggestion, pair.Name.Name, pair.Edits, text))
            .Where(candidate => candidate.Score >= MinSuggestionScore)
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => candidate.Label, StringComparer.Ordinal)
            .ThenBy(candidate => candidate.Id, StringComparer.Ordinal));
        return new EntityResolution(text, EntityResolutionStatus.NotFound, null, [.. suggestions.Take(MaxSuggestions)]);
    }

    private static EntityResolution Decide(string text, List<EntityCandidate> candidates) =>
        candidates.Count == 1
            ? Resolved(text, candidates[0])
            : new EntityResolution(
                text,
                EntityResolutionStatus.Ambiguous,
                null,
                [.. candidates.OrderBy(candidate => candidate.Label, StringComparer.Ordinal).ThenBy(candidate => candidate.Id, StringComparer.Ordinal)]);

    private static EntityResolution Resolved(string text, EntityCandidate candidate) =>
        new(text, EntityResolutionStatus.Resolved, candidate, []);

    /// <summary>Keeps the first candidate of each entity, so an entity matched by its label and an alias counts once.</summary>
    private static List<EntityCandidate> Distinct(IEnumerable<EntityCandidate> candidates) =>
        [.. candidates.DistinctBy(candidate => candidate.Id, StringComparer.Ordinal)];

    private static EntityCandidate Candidate(GraphEntity entity, EntityMatchKind kind, string matchedName, int edits, string text)
    {
        var longer = Math.Max(Math.Max(text.Length, matchedName.Length), 1);
        var score = Math.Round(1.0 - ((double)edits / longer), 2);
        return new EntityCandidate(entity.Id, entity.Label, entity.Type, kind, matchedName, score, edits);
    }

    /// <summary>Lower-cases the name and turns every run of white space into one space, so "sandworm  team" folds like "Sandworm Team".</summary>
    private static string Fold(string name)
    {
        var folded = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var character in name.Trim())
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(char.ToLowerInvariant(character));
        }

        return folded.ToString();
    }

    private sealed record NameEntry(GraphEntity Entity, string Name, bool IsAlias, string Folded);
}
