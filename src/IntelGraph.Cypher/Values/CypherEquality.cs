namespace IntelGraph.Cypher.Values;

/// <summary>
/// The openCypher <c>=</c> operator. The result is ternary: null when the result depends on a null inside
/// the operands, otherwise true or false. Integers and floats compare by numeric value.
/// </summary>
public static class CypherEquality
{
    public static bool? AreEqual(CypherValue left, CypherValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            return null;
        }

        switch (left, right)
        {
            case (BooleanValue a, BooleanValue b):
                return a.Value == b.Value;
            case (IntegerValue a, IntegerValue b):
                return a.Value == b.Value;
            case (IntegerValue or FloatValue, IntegerValue or FloatValue):
                return NumericEquals(left, right);
            case (StringValue a, StringValue b):
                return string.Equals(a.Value, b.Value, StringComparison.Ordinal);
            case (NodeValue a, NodeValue b):
                return a.Id == b.Id;
            case (RelationshipValue a, RelationshipValue b):
                return a.Id == b.Id;
            case (ListValue a, ListValue b):
                return ListsEqual(a.Items, b.Items);
            case (MapValue a, MapValue b):
                return MapsEqual(a.Entries, b.Entries);
            case (PathValue a, PathValue b):
                return PathsEqual(a, b);
            case (TemporalValue a, TemporalValue b):
                return a.Kind == b.Kind && CypherOrdering.CompareTemporal(a, b) == 0 && (a.Kind != TemporalKind.DateTime || a.OffsetSeconds == b.OffsetSeconds);
            case (DurationValue a, DurationValue b):
                return a.Months == b.Months && a.Days == b.Days && a.Seconds == b.Seconds && a.Nanos == b.Nanos;
            default:
                return false;
        }
    }

    private static bool NumericEquals(CypherValue left, CypherValue right)
    {
        if (left is IntegerValue i && right is FloatValue f)
        {
            return IntegerEqualsFloat(i.Value, f.Value);
        }

        if (left is FloatValue f2 && right is IntegerValue i2)
        {
            return IntegerEqualsFloat(i2.Value, f2.Value);
        }

        return ((FloatValue)left).Value == ((FloatValue)right).Value;
    }

    // Comparing through double would call 2^53 + 1 equal to 2^53, so an integral float is compared as a long.
    private static bool IntegerEqualsFloat(long integer, double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number) || Math.Floor(number) != number)
        {
            return false;
        }

        if (number >= 9.2233720368547758e18 || number < -9.2233720368547758e18)
        {
            return false;
        }

        return (long)number == integer;
    }

    private static bool? ListsEqual(IReadOnlyList<CypherValue> left, IReadOnlyList<CypherValue> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        var sawNull = false;
        for (var i = 0; i < left.Count; i++)
        {
            var equal = AreEqual(left[i], right[i]);
            if (equal == false)
            {
                return false;
            }

            if (equal is null)
            {
                sawNull = true;
            }
        }

        return sawNull ? null : true;
    }

    private static bool? MapsEqual(IReadOnlyDictionary<string, CypherValue> left, IReadOnlyDictionary<string, CypherValue> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        var sawNull = false;
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other))
            {
                return false;
            }

            var equal = AreEqual(value, other);
            if (equal == false)
            {
                return false;
            }

            if (equal is null)
            {
                sawNull = true;
            }
        }

        return sawNull ? null : true;
    }

    private static bool PathsEqual(PathValue left, PathValue right)
    {
        if (left.Nodes.Count != right.Nodes.Count || left.Relationships.Count != right.Relationships.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Nodes.Count; i++)
        {
            if (left.Nodes[i].Id != right.Nodes[i].Id)
            {
                return false;
            }
        }

        for (var i = 0; i < left.Relationships.Count; i++)
        {
            if (left.Relationships[i].Id != right.Relationships[i].Id)
            {
                return false;
            }
        }

        return true;
    }
}
