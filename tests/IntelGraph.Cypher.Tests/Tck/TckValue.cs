using System.Globalization;
using System.Text;
using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>
/// Renders values in one canonical text form so that an expected cell of a TCK table and an actual engine
/// value compare as strings: map keys and labels are sorted, floats use one notation, and strings are
/// single-quoted with escapes.
/// </summary>
internal static class TckCanonical
{
    public static string Render(CypherValue value, bool sortLists)
    {
        var builder = new StringBuilder();
        Append(builder, value, sortLists);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, CypherValue value, bool sortLists)
    {
        switch (value)
        {
            case NullValue:
                builder.Append("null");
                break;
            case BooleanValue b:
                builder.Append(b.Value ? "true" : "false");
                break;
            case IntegerValue i:
                builder.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatValue f:
                builder.Append(RenderFloat(f.Value));
                break;
            case StringValue s:
                builder.Append('\'').Append(s.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
                break;
            case ListValue list:
                var items = list.Items.Select(item => Render(item, sortLists)).ToList();
                if (sortLists)
                {
                    items.Sort(StringComparer.Ordinal);
                }

                builder.Append('[').AppendJoin(", ", items).Append(']');
                break;
            case MapValue map:
                AppendMap(builder, map.Entries, sortLists);
                break;
            case NodeValue node:
                AppendNode(builder, node.Node.Labels, node.Node.Properties, sortLists);
                break;
            case RelationshipValue relationship:
                AppendRelationship(builder, relationship.Relationship.Type, relationship.Relationship.Properties, sortLists);
                break;
            case PathValue path:
                builder.Append('<');
                AppendNode(builder, path.Nodes[0].Node.Labels, path.Nodes[0].Node.Properties, sortLists);
                for (var i = 0; i < path.Relationships.Count; i++)
                {
                    var relationship = path.Relationships[i].Relationship;
                    var forward = relationship.StartId == path.Nodes[i].Id && (relationship.EndId == path.Nodes[i + 1].Id);
                    builder.Append(forward ? "-" : "<-");
                    AppendRelationship(builder, relationship.Type, relationship.Properties, sortLists);
                    builder.Append(forward ? "->" : "-");
                    AppendNode(builder, path.Nodes[i + 1].Node.Labels, path.Nodes[i + 1].Node.Properties, sortLists);
                }

                builder.Append('>');
                break;
            case TemporalValue temporal:
                builder.Append('\'').Append(temporal.ToIsoString()).Append('\'');
                break;
            case DurationValue duration:
                builder.Append('\'').Append(duration.ToIsoString()).Append('\'');
                break;
            case TckPathValue expectedPath:
                builder.Append(expectedPath.Canonical);
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    public static string RenderFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal) +
            (Math.Floor(value) == value && Math.Abs(value) < 1e15 ? ".0" : "");
    }

    public static void AppendNode(StringBuilder builder, IEnumerable<string> labels, IEnumerable<KeyValuePair<string, CypherValue>> properties, bool sortLists)
    {
        builder.Append('(');
        foreach (var label in labels.Order(StringComparer.Ordinal))
        {
            builder.Append(':').Append(label);
        }

        var entries = properties.ToList();
        if (entries.Count > 0)
        {
            builder.Append(' ');
            AppendMap(builder, entries, sortLists);
        }

        builder.Append(')');
    }

    public static void AppendRelationship(StringBuilder builder, string type, IEnumerable<KeyValuePair<string, CypherValue>> properties, bool sortLists)
    {
        builder.Append("[:").Append(type);
        var entries = properties.ToList();
        if (entries.Count > 0)
        {
            builder.Append(' ');
            AppendMap(builder, entries, sortLists);
        }

        builder.Append(']');
    }

    private static void AppendMap(StringBuilder builder, IEnumerable<KeyValuePair<string, CypherValue>> entries, bool sortLists)
    {
        builder.Append('{');
        builder.AppendJoin(", ", entries.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => entry.Key + ": " + Render(entry.Value, sortLists)));
        builder.Append('}');
    }
}

/// <summary>
/// An expected node, relationship or path from a TCK table. It exists only to be rendered, because the
/// expected cell names no ids that could build a real graph element.
/// </summary>
internal sealed class TckPathValue(string canonical) : CypherValue
{
    public string Canonical { get; } = canonical;

    public override string TypeName => "EXPECTED";
}
