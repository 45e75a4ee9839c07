using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Functions;

/// <summary>Functions over lists, including size, which also accepts strings.</summary>
internal sealed partial class FunctionLibrary
{
    private void RegisterListFunctions()
    {
        RegisterNullSafe("size", value => value switch
        {
            ListValue list => new IntegerValue(list.Items.Count),
            StringValue text => new IntegerValue(text.Value.Length),
            _ => throw InvalidArgument("size", value),
        });
        RegisterNullSafe("head", value => value is ListValue list
            ? list.Items.Count > 0 ? list.Items[0] : CypherValue.Null
            : throw InvalidArgument("head", value));
        RegisterNullSafe("last", value => value is ListValue list
            ? list.Items.Count > 0 ? list.Items[^1] : CypherValue.Null
            : throw InvalidArgument("last", value));
        RegisterNullSafe("tail", value => value is ListValue list
            ? new ListValue(list.Items.Skip(1).ToList())
            : throw InvalidArgument("tail", value));
        RegisterNullSafe("reverse", value => value switch
        {
            ListValue list => new ListValue(list.Items.Reverse().ToList()),
            StringValue text => new StringValue(new string(text.Value.Reverse().ToArray())),
            _ => throw InvalidArgument("reverse", value),
        });
        Register("range", 2, 3, arguments => Range(arguments, _context.CancellationToken));
        Register("coalesce", 1, int.MaxValue, arguments => arguments.FirstOrDefault(argument => !argument.IsNull) ?? CypherValue.Null);
    }

    private static ListValue Range(IReadOnlyList<CypherValue> arguments, CancellationToken cancellationToken)
    {
        foreach (var argument in arguments)
        {
            if (argument is not IntegerValue)
            {
                throw CypherException.Argument("InvalidArgumentType", $"range() needs integer arguments, not a {argument.TypeName}.");
            }
        }

        var start = ((IntegerValue)arguments[0]).Value;
        var end = ((IntegerValue)arguments[1]).Value;
        var step = arguments.Count > 2 ? ((IntegerValue)arguments[2]).Value : 1;
        if (step == 0)
        {
            throw CypherException.Argument("NumberOutOfRange", "The step of range() must not be zero.");
        }

        var items = new List<CypherValue>();
        // The loop counts in decimal so that a range ending near long.MaxValue cannot wrap around and never stop.
        for (decimal i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            // A huge range would hold the query for a long time, so it checks for cancellation as it grows.
            if (items.Count % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            items.Add(new IntegerValue((long)i));
        }

        return new ListValue(items);
    }
}
