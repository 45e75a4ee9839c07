namespace IntelGraph.Cypher.Values;

/// <summary>
/// Equivalence, the equality that DISTINCT, grouping keys and UNION use: unlike <c>=</c>, null is
/// equivalent to null and NaN to NaN, so the result is always true or false.
/// </summary>
public sealed class CypherEquivalence : IEqualityComparer<CypherValue>
{
    public static readonly CypherEquivalence Instance = new();

    public bool Equals(CypherValue? x, CypherValue? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        return CypherOrdering.OrderBy(x, y) == 0 && SameKind(x, y);
    }

    public int GetHashCode(CypherValue value) => value switch
    {
        NullValue => 0,
        BooleanValue b => b.Value ? 1 : 2,
        IntegerValue i => ((double)i.Value).GetHashCode(),
        FloatValue f => f.Value.GetHashCode(),
        StringValue s => StringComparer.Ordinal.GetHashCode(s.Value),
        ListValue list => list.Items.Aggregate(17, (hash, item) => (hash * 31) + GetHashCode(item)),
        MapValue map => map.Entries.Keys.Aggregate(19, (hash, key) => hash ^ StringComparer.Ordinal.GetHashCode(key)),
        NodeValue node => node.Id.GetHashCode(),
        RelationshipValue relationship => relationship.Id.GetHashCode() * 7,
        PathValue path => path.Relationships.Count,
        TemporalValue temporal => temporal.LocalNanos.GetHashCode(),
        DurationValue duration => HashCode.Combine(duration.Months, duration.Days, duration.Seconds, duration.Nanos),
        _ => 3,
    };

    private static bool SameKind(CypherValue x, CypherValue y) =>
        x.GetType() == y.GetType() || (x is IntegerValue or FloatValue && y is IntegerValue or FloatValue);
}

/// <summary>A list of values used as a dictionary key (a grouping key or a DISTINCT row).</summary>
internal sealed class ValueRowKey(IReadOnlyList<CypherValue> values) : IEquatable<ValueRowKey>
{
    public IReadOnlyList<CypherValue> Values { get; } = values;

    public bool Equals(ValueRowKey? other)
    {
        if (other is null || other.Values.Count != Values.Count)
        {
            return false;
        }

        for (var i = 0; i < Values.Count; i++)
        {
            if (!CypherEquivalence.Instance.Equals(Values[i], other.Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueRowKey);

    public override int GetHashCode() => Values.Aggregate(23, (hash, value) => (hash * 31) + CypherEquivalence.Instance.GetHashCode(value));
}
