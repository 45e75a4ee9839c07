using IntelGraph.Graph;

namespace IntelGraph.Stix;

/// <summary>Compares a stored entity or edge with the one built from a bundle object, field by field.</summary>
internal static class StoredRecordComparison
{
    /// <summary>Lists the fields in which the bundle's entity differs from the stored one; empty when it adds nothing new.</summary>
    /// <remarks>
    /// A bundle object without a country states no country, so a stored country (entered by an analyst
    /// in the legacy pilot, for example) is no conflict. A different country is.
    /// </remarks>
    public static List<string> DescribeDifferences(GraphEntity stored, GraphEntity incoming)
    {
        var differences = new List<string>();
        AddIfDifferent(differences, "label", stored.Label, incoming.Label);
        AddIfDifferent(differences, "type", stored.Type, incoming.Type);
        if (incoming.Country is not null)
        {
            AddIfDifferent(differences, "country", stored.Country, incoming.Country);
        }

        AddIfDifferent(differences, "createdAt", stored.CreatedAt, incoming.CreatedAt);
        return differences;
    }

    /// <summary>Lists the fields in which the bundle's edge differs from the stored one; empty when they are equal.</summary>
    public static List<string> DescribeDifferences(GraphEdge stored, GraphEdge incoming)
    {
        var differences = new List<string>();
        AddIfDifferent(differences, "source", stored.Source, incoming.Source);
        AddIfDifferent(differences, "target", stored.Target, incoming.Target);
        AddIfDifferent(differences, "type", stored.Type, incoming.Type);
        AddIfDifferent(differences, "createdAt", stored.CreatedAt, incoming.CreatedAt);
        return differences;
    }

    private static void AddIfDifferent(List<string> differences, string field, string? stored, string? incoming)
    {
        if (!string.Equals(stored, incoming, StringComparison.Ordinal))
        {
            differences.Add($"{field} is '{incoming ?? "(none)"}' in the bundle and '{stored ?? "(none)"}' in the store");
        }
    }
}
