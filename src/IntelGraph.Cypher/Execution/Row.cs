using IntelGraph.Cypher.Values;

namespace IntelGraph.Cypher.Execution;

/// <summary>One row of variable bindings flowing between clauses. Rows are never changed once built.</summary>
internal sealed class Row
{
    public static readonly Row Empty = new(new Dictionary<string, CypherValue>(StringComparer.Ordinal));

    private readonly Dictionary<string, CypherValue> _values;

    private Row(Dictionary<string, CypherValue> values)
    {
        _values = values;
    }

    public IEnumerable<string> Names => _values.Keys;

    public bool Contains(string name) => _values.ContainsKey(name);

    public bool TryGet(string name, out CypherValue value) => _values.TryGetValue(name, out value!);

    public CypherValue this[string name] => _values[name];

    public Row With(string name, CypherValue value)
    {
        var copy = new Dictionary<string, CypherValue>(_values, StringComparer.Ordinal) { [name] = value };
        return new Row(copy);
    }

    public Row With(IEnumerable<KeyValuePair<string, CypherValue>> values)
    {
        var copy = new Dictionary<string, CypherValue>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            copy[name] = value;
        }

        return new Row(copy);
    }

    public static Row From(IEnumerable<KeyValuePair<string, CypherValue>> values) =>
        new(new Dictionary<string, CypherValue>(values, StringComparer.Ordinal));
}
