namespace IntelGraph.Cypher.Values;

/// <summary>
/// Two orders over values. <see cref="Compare"/> is the <c>&lt;</c> family of operators, which only orders
/// values of the same kind and yields null otherwise. <see cref="OrderBy"/> is the total order ORDER BY
/// uses: map, node, relationship, list, path, string, boolean, number, then null last.
/// </summary>
public static class CypherOrdering
{
    /// <summary>Compares for the comparison operators: negative, zero or positive, or null if the values are not comparable.</summary>
    public static int? Compare(CypherValue left, CypherValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            return null;
        }

        switch (left, right)
        {
            case (IntegerValue a, IntegerValue b):
                return a.Value.CompareTo(b.Value);
            case (IntegerValue or FloatValue, IntegerValue or FloatValue):
                var x = ToDouble(left);
                var y = ToDouble(right);
                if (double.IsNaN(x) || double.IsNaN(y))
                {
                    return null;
                }

                return x.CompareTo(y);
            case (StringValue a, StringValue b):
                return string.CompareOrdinal(a.Value, b.Value);
            case (BooleanValue a, BooleanValue b):
                return a.Value.CompareTo(b.Value);
            case (ListValue a, ListValue b):
                return CompareLists(a.Items, b.Items);
            case (TemporalValue a, TemporalValue b) when a.Kind == b.Kind:
                return CompareTemporal(a, b);
            default:
                return null;
        }
    }

    /// <summary>Compares in the total order that ORDER BY, min and max use.</summary>
    public static int OrderBy(CypherValue left, CypherValue right)
    {
        var leftRank = Rank(left);
        var rightRank = Rank(right);
        if (leftRank != rightRank)
        {
            return leftRank.CompareTo(rightRank);
        }

        switch (left, right)
        {
            case (IntegerValue a, IntegerValue b):
                return a.Value.CompareTo(b.Value);
            case (IntegerValue or FloatValue, IntegerValue or FloatValue):
                var x = ToDouble(left);
                var y = ToDouble(right);
                if (double.IsNaN(x) || double.IsNaN(y))
                {
                    return double.IsNaN(x).CompareTo(double.IsNaN(y));
                }

                var byValue = x.CompareTo(y);
                return byValue != 0 ? byValue : (left is FloatValue).CompareTo(right is FloatValue);
            case (StringValue a, StringValue b):
                return string.CompareOrdinal(a.Value, b.Value);
            case (BooleanValue a, BooleanValue b):
                return a.Value.CompareTo(b.Value);
            case (ListValue a, ListValue b):
                for (var i = 0; i < Math.Min(a.Items.Count, b.Items.Count); i++)
                {
                    var item = OrderBy(a.Items[i], b.Items[i]);
                    if (item != 0)
                    {
                        return item;
                    }
                }

                return a.Items.Count.CompareTo(b.Items.Count);
            case (MapValue a, MapValue b):
                return CompareMaps(a, b);
            case (NodeValue a, NodeValue b):
                return a.Id.CompareTo(b.Id);
            case (RelationshipValue a, RelationshipValue b):
                return a.Id.CompareTo(b.Id);
            case (PathValue a, PathValue b):
                return OrderBy(PathAsList(a), PathAsList(b));
            case (TemporalValue a, TemporalValue b):
                return a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : CompareTemporal(a, b);
            case (DurationValue a, DurationValue b):
                return (a.Months, a.Days, a.Seconds, a.Nanos).CompareTo((b.Months, b.Days, b.Seconds, b.Nanos));
            default:
                return 0;
        }
    }

    /// <summary>Compares two instants of the same kind. Times and datetimes with offsets compare as instants.</summary>
    public static int CompareTemporal(TemporalValue left, TemporalValue right) => left.Kind switch
    {
        TemporalKind.Date => left.Date.CompareTo(right.Date),
        TemporalKind.LocalTime => left.NanoOfDay.CompareTo(right.NanoOfDay),
        TemporalKind.Time => (left.NanoOfDay - (left.OffsetSeconds * TemporalValue.NanosPerSecond)).CompareTo(right.NanoOfDay - (right.OffsetSeconds * TemporalValue.NanosPerSecond)),
        TemporalKind.LocalDateTime => left.LocalNanos.CompareTo(right.LocalNanos),
        _ => left.InstantNanos.CompareTo(right.InstantNanos),
    };

    public static double ToDouble(CypherValue value) => value switch
    {
        IntegerValue i => i.Value,
        FloatValue f => f.Value,
        _ => throw new InvalidOperationException($"{value.TypeName} is not a number."),
    };

    private static int? CompareLists(IReadOnlyList<CypherValue> left, IReadOnlyList<CypherValue> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var item = Compare(left[i], right[i]);
            if (item is null)
            {
                return null;
            }

            if (item != 0)
            {
                return item;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static int CompareMaps(MapValue left, MapValue right)
    {
        var leftKeys = left.Entries.Keys.Order(StringComparer.Ordinal).ToList();
        var rightKeys = right.Entries.Keys.Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < Math.Min(leftKeys.Count, rightKeys.Count); i++)
        {
            var key = string.CompareOrdinal(leftKeys[i], rightKeys[i]);
            if (key != 0)
            {
                return key;
            }

            var value = OrderBy(left.Entries[leftKeys[i]], right.Entries[rightKeys[i]]);
            if (value != 0)
            {
                return value;
            }
        }

        return leftKeys.Count.CompareTo(rightKeys.Count);
    }

    private static ListValue PathAsList(PathValue path)
    {
        var items = new List<CypherValue>();
        for (var i = 0; i < path.Nodes.Count; i++)
        {
            items.Add(path.Nodes[i]);
            if (i < path.Relationships.Count)
            {
                items.Add(path.Relationships[i]);
            }
        }

        return new ListValue(items);
    }

    private static int Rank(CypherValue value) => value switch
    {
        MapValue => 0,
        NodeValue => 1,
        RelationshipValue => 2,
        ListValue => 3,
        PathValue => 4,
        TemporalValue or DurationValue => 5,
        StringValue => 6,
        BooleanValue => 7,
        IntegerValue or FloatValue => 8,
        _ => 9,
    };
}
