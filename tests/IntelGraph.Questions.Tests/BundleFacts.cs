using System.Text.Json;

namespace IntelGraph.Questions.Tests;

/// <summary>The objects and relationships of a STIX bundle, read straight from its JSON.</summary>
public sealed class BundleFacts
{
    private readonly Dictionary<string, JsonElement> _objects = new(StringComparer.Ordinal);

    public BundleFacts(JsonElement objects)
    {
        foreach (var stixObject in objects.EnumerateArray())
        {
            var id = stixObject.GetProperty("id").GetString()!;
            var type = stixObject.GetProperty("type").GetString()!;
            if (type == "relationship")
            {
                Relationships.Add((
                    stixObject.GetProperty("relationship_type").GetString()!,
                    stixObject.GetProperty("source_ref").GetString()!,
                    stixObject.GetProperty("target_ref").GetString()!));
            }
            else
            {
                _objects[id] = stixObject.Clone();
            }
        }
    }

    public List<(string Type, string Source, string Target)> Relationships { get; } = [];

    /// <summary>Returns the id of the one object with this name; fails when none or several have it.</summary>
    public string IdOf(string name) => _objects.Values.Single(o => NameOf(o) == name).GetProperty("id").GetString()!;

    /// <summary>Returns the ids of every object with this name.</summary>
    public List<string> IdsOf(string name) => [.. _objects.Values.Where(o => NameOf(o) == name).Select(o => o.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

    public string LabelOf(string id) => NameOf(_objects[id]) ?? id;

    public string TypeOf(string id) => _objects[id].GetProperty("type").GetString()!;

    /// <summary>Returns the entries of <c>aliases</c> or <c>x_mitre_aliases</c> of the object.</summary>
    public List<string> AliasesOf(string id)
    {
        var aliases = new List<string>();
        foreach (var property in new[] { "aliases", "x_mitre_aliases" })
        {
            if (_objects[id].TryGetProperty(property, out var array))
            {
                aliases.AddRange(array.EnumerateArray().Select(item => item.GetString()!));
            }
        }

        return aliases;
    }

    /// <summary>Returns the ids at the other end of the relationships of type <paramref name="type"/> that start at <paramref name="source"/>.</summary>
    public List<string> TargetsOf(string type, string source) =>
        [.. Relationships.Where(r => r.Type == type && r.Source == source).Select(r => r.Target).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Returns the ids at the start of the relationships of type <paramref name="type"/> that end at <paramref name="target"/>.</summary>
    public List<string> SourcesOf(string type, string target) =>
        [.. Relationships.Where(r => r.Type == type && r.Target == target).Select(r => r.Source).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Returns the fewest relationships, in either direction, between two objects by breadth-first search; null beyond <paramref name="maxHops"/>.</summary>
    public int? Distance(string from, string to, int maxHops)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal) { [from] = 0 };
        var frontier = new Queue<string>([from]);
        while (frontier.TryDequeue(out var current))
        {
            if (current == to)
            {
                return distances[current];
            }

            if (distances[current] == maxHops)
            {
                continue;
            }

            foreach (var neighbour in NeighboursOf(current))
            {
                if (distances.TryAdd(neighbour, distances[current] + 1))
                {
                    frontier.Enqueue(neighbour);
                }
            }
        }

        return null;
    }

    /// <summary>Returns the ids one relationship away from <paramref name="id"/>, in either direction.</summary>
    public IEnumerable<string> NeighboursOf(string id) =>
        Relationships.Where(r => r.Source == id).Select(r => r.Target)
            .Concat(Relationships.Where(r => r.Target == id).Select(r => r.Source))
            .Distinct(StringComparer.Ordinal);

    private static string? NameOf(JsonElement stixObject) =>
        stixObject.TryGetProperty("name", out var name) ? name.GetString() : null;
}
