namespace IntelGraph.Cypher.Tests.Tck;

/// <summary>Compares a query result with an expected TCK table, as a bag or in order, optionally ignoring list order.</summary>
internal sealed partial class TckScenarioRunner
{
    private string? CheckResult(TckStep step)
    {
        var inOrder = step.Text.StartsWith("the result should be, in order", StringComparison.Ordinal);
        var sortLists = step.Text.Contains("ignoring element order for lists", StringComparison.Ordinal);
        var table = step.Table!;
        var expectedColumns = table[0];
        var actualColumns = _result!.Columns;
        if (!expectedColumns.Order(StringComparer.Ordinal).SequenceEqual(actualColumns.Order(StringComparer.Ordinal)))
        {
            return $"Expected columns [{string.Join(", ", expectedColumns)}] but got [{string.Join(", ", actualColumns)}].";
        }

        var expectedRows = table.Skip(1)
            .Select(row => string.Join(" | ", row.Select(cell => TckCanonical.Render(TckValueParser.Parse(cell), sortLists))))
            .ToList();
        var positions = expectedColumns.Select(column => actualColumns.ToList().IndexOf(column)).ToList();
        var actualRows = _result.Rows
            .Select(row => string.Join(" | ", positions.Select(position => TckCanonical.Render(row[position], sortLists))))
            .ToList();

        if (!inOrder)
        {
            expectedRows.Sort(StringComparer.Ordinal);
            actualRows.Sort(StringComparer.Ordinal);
        }

        if (expectedRows.SequenceEqual(actualRows))
        {
            return null;
        }

        return $"Expected rows:\n  {string.Join("\n  ", expectedRows)}\nbut got:\n  {string.Join("\n  ", actualRows)}";
    }
}
