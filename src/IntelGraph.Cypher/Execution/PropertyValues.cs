using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>The rule for what a property may contain: a scalar or a list of scalars, never a map, node or nested list.</summary>
internal static class PropertyValues
{
    public static void EnsureStorable(CypherValue value)
    {
        switch (value)
        {
            case NullValue or BooleanValue or IntegerValue or FloatValue or StringValue or TemporalValue or DurationValue:
                return;
            case ListValue list when list.Items.All(item => item is BooleanValue or IntegerValue or FloatValue or StringValue or NullValue or TemporalValue or DurationValue):
                return;
            default:
                throw CypherException.Type("InvalidPropertyType", $"A property cannot store a {value.TypeName}. Use a scalar or a list of scalars.");
        }
    }
}
