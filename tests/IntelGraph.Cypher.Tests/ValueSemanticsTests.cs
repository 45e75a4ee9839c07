using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests;

public sealed class ValueSemanticsTests
{
    [Fact]
    public void Equality_with_null_is_null()
    {
        Assert.Null(CypherEquality.AreEqual(CypherValue.Null, CypherValue.Null));
        Assert.Null(CypherEquality.AreEqual(CypherValue.From(1), CypherValue.Null));
    }

    [Fact]
    public void Integer_equals_float_of_same_value()
    {
        Assert.True(CypherEquality.AreEqual(CypherValue.From(1), CypherValue.From(1.0)));
        Assert.False(CypherEquality.AreEqual(CypherValue.From(1), CypherValue.From(1.5)));
    }

    [Fact]
    public void List_equality_is_null_when_undecided()
    {
        var left = new ListValue([CypherValue.From(1), CypherValue.Null]);
        var right = new ListValue([CypherValue.From(1), CypherValue.From(2)]);
        var different = new ListValue([CypherValue.From(3), CypherValue.Null]);

        Assert.Null(CypherEquality.AreEqual(left, right));
        Assert.False(CypherEquality.AreEqual(different, right));
    }

    [Fact]
    public void Comparison_of_mixed_types_is_null()
    {
        Assert.Null(CypherOrdering.Compare(CypherValue.From("a"), CypherValue.From(1)));
        Assert.True(CypherOrdering.Compare(CypherValue.From(1), CypherValue.From(2.5)) < 0);
    }

    [Fact]
    public void Order_by_sorts_null_last()
    {
        var values = new List<CypherValue> { CypherValue.Null, CypherValue.From(2), CypherValue.From("b"), CypherValue.From(double.NaN), CypherValue.From(1.5) };

        values.Sort(CypherOrdering.OrderBy);

        Assert.Equal("['b', 1.5, 2, NaN, null]", new ListValue(values).ToString());
    }

    [Fact]
    public void Equivalence_treats_null_as_equal()
    {
        Assert.True(CypherEquivalence.Instance.Equals(CypherValue.Null, CypherValue.Null));
        Assert.True(CypherEquivalence.Instance.Equals(CypherValue.From(double.NaN), CypherValue.From(double.NaN)));
    }
}
