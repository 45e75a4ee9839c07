using System.Globalization;
using System.Text;

namespace IntelGraph.Cypher.Values;

/// <summary>Writes values in the openCypher literal notation, which ToString and toString() use.</summary>
internal static class CypherValueFormatter
{
    public static void Append(StringBuilder builder, CypherValue value)
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
                builder.Append(FormatFloat(f.Value));
                break;
            case StringValue s:
                builder.Append('\'').Append(s.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
                break;
            case ListValue list:
                builder.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, list.Items[i]);
                }

                builder.Append(']');
                break;
            case MapValue map:
                AppendMap(builder, map.Entries);
                break;
            case NodeValue node:
                AppendNode(builder, node);
                break;
            case RelationshipValue relationship:
                AppendRelationship(builder, relationship);
                break;
            case PathValue path:
                AppendPath(builder, path);
                break;
            case TemporalValue temporal:
                builder.Append('\'').Append(temporal.ToIsoString()).Append('\'');
                break;
            case DurationValue duration:
                builder.Append('\'').Append(duration.ToIsoString()).Append('\'');
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            var parts = text.Split('E');
            var mantissa = parts[0].Contains('.', StringComparison.Ordinal) ? parts[0] : parts[0] + ".0";
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return $"{mantissa}e{exponent}";
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void AppendMap(StringBuilder builder, IEnumerable<KeyValuePair<string, CypherValue>> entries)
    {
        builder.Append('{');
        var first = true;
        foreach (var entry in entries)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(entry.Key).Append(": ");
            Append(builder, entry.Value);
        }

        builder.Append('}');
    }

    private static void AppendNode(StringBuilder builder, NodeValue node)
    {
        builder.Append('(');
        foreach (var label in node.Node.Labels)
        {
            builder.Append(':').Append(label);
        }

        if (node.Node.Properties.Count > 0)
        {
            if (node.Node.Labels.Count > 0)
            {
                builder.Append(' ');
            }

            AppendMap(builder, node.Node.Properties);
        }

        builder.Append(')');
    }

    private static void AppendRelationship(StringBuilder builder, RelationshipValue relationship)
    {
        builder.Append("[:").Append(relationship.Relationship.Type);
        if (relationship.Relationship.Properties.Count > 0)
        {
            builder.Append(' ');
            AppendMap(builder, relationship.Relationship.Properties);
        }

        builder.Append(']');
    }

    private static void AppendPath(StringBuilder builder, PathValue path)
    {
        builder.Append('<');
        AppendNode(builder, path.Nodes[0]);
        for (var i = 0; i < path.Relationships.Count; i++)
        {
            var relationship = path.Relationships[i];
            var forward = relationship.Relationship.StartId == path.Nodes[i].Id;
            builder.Append(forward ? "-" : "<-");
            AppendRelationship(builder, relationship);
            builder.Append(forward ? "->" : "-");
            AppendNode(builder, path.Nodes[i + 1]);
        }

        builder.Append('>');
    }
}
