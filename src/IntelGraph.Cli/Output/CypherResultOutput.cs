using IntelGraph.Cypher;
using IntelGraph.Querying;

namespace IntelGraph.Cli.Output;

/// <summary>
/// Writes a Cypher result as a text table, or as JSON in the shape <see cref="CypherResultJson"/> defines.
/// </summary>
internal static class CypherResultOutput
{
    public static async Task WriteTextAsync(TextWriter writer, CypherResult result)
    {
        await writer.WriteLineAsync(string.Join('\t', result.Columns));
        foreach (var row in result.Rows)
        {
            await writer.WriteLineAsync(string.Join('\t', row.Select(value => value.ToString())));
        }

        await writer.WriteLineAsync($"{result.Rows.Count} row(s)");
    }

    public static Task WriteJsonAsync(TextWriter writer, CypherResult result) =>
        writer.WriteLineAsync(CypherResultJson.ToJson(result));
}
