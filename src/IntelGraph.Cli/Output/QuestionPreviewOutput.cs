using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntelGraph.Cypher;
using IntelGraph.Questions;
using IntelGraph.Questions.Execution;
using IntelGraph.Questions.Resolution;

namespace IntelGraph.Cli.Output;

/// <summary>Writes a question preview as text for people, or as JSON with the preview and the rows of a run.</summary>
internal static class QuestionPreviewOutput
{
    private static readonly JsonSerializerOptions _compact = new(CliJson.Options) { WriteIndented = false };

    public static async Task WriteTextAsync(TextWriter writer, QuestionPreview preview)
    {
        await writer.WriteLineAsync($"Question: {preview.Question}");
        await writer.WriteLineAsync($"Outcome:  {JsonName(preview.Outcome)}");
        if (preview.Form is not null)
        {
            await writer.WriteLineAsync($"Form:     {preview.Form}");
        }

        await writer.WriteLineAsync(preview.Message);

        if (preview.Entities.Count > 0)
        {
            await writer.WriteLineAsync();
            await writer.WriteLineAsync("Entities:");
            foreach (var mention in preview.Entities)
            {
                await WriteMentionAsync(writer, mention);
            }
        }

        if (preview.Cypher is not null)
        {
            await writer.WriteLineAsync();
            await writer.WriteLineAsync("Cypher:");
            foreach (var line in preview.Cypher.Split('\n'))
            {
                await writer.WriteLineAsync("  " + line);
            }

            await writer.WriteLineAsync("Parameters:");
            foreach (var (name, value) in preview.Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                await writer.WriteLineAsync($"  ${name} = {JsonSerializer.Serialize(value, _compact)}");
            }
        }

        if (preview.Plan is { } plan)
        {
            await writer.WriteLineAsync(
                $"Estimate: {plan.Estimate.RowsTouched} rows touched, {plan.Estimate.RowsReturned} returned, {plan.Estimate.Ms} ms; "
                + $"{plan.Budget.Source} budget {plan.Budget.Rows} rows, {plan.Budget.Ms} ms: {plan.Decision}");
            foreach (var reason in plan.Reasons)
            {
                await writer.WriteLineAsync("  " + reason);
            }
        }

        if (preview.SupportedForms.Count > 0)
        {
            await writer.WriteLineAsync();
            await writer.WriteLineAsync("Supported questions:");
            foreach (var form in preview.SupportedForms)
            {
                await writer.WriteLineAsync($"  {form.Question}  ({form.Form}), for example: {string.Join(" | ", form.Examples)}");
            }
        }
    }

    /// <summary>Writes one object: <c>preview</c>, and <c>result</c> with the columns and rows of the run, or null without one.</summary>
    public static Task WriteJsonAsync(TextWriter writer, QuestionPreview preview, CypherResult? result)
    {
        var document = new JsonObject
        {
            ["preview"] = JsonSerializer.SerializeToNode(preview, CliJson.Options),
            ["result"] = result is null
                ? null
                : new JsonObject
                {
                    ["columns"] = new JsonArray([.. result.Columns.Select(column => JsonValue.Create(column))]),
                    ["rows"] = new JsonArray([.. CypherRowJson.Rows(result).Select(row => new JsonArray([.. row]))]),
                },
        };
        return writer.WriteLineAsync(document.ToJsonString(CliJson.Options));
    }

    private static async Task WriteMentionAsync(TextWriter writer, EntityMention mention)
    {
        var resolution = mention.Resolution;
        if (resolution.Entity is { } entity)
        {
            await writer.WriteLineAsync(
                $"  ${mention.Parameter}: '{resolution.Text}' -> {entity.Label} ({entity.Type}, {entity.Id}), {JsonName(entity.MatchedBy)} '{entity.MatchedName}', score {entity.Score.ToString("0.00", CultureInfo.InvariantCulture)}");
            return;
        }

        await writer.WriteLineAsync($"  ${mention.Parameter}: '{resolution.Text}' is {JsonName(resolution.Status)}; candidates:");
        foreach (var candidate in resolution.Candidates)
        {
            await writer.WriteLineAsync(
                $"    {candidate.Label} ({candidate.Type}, {candidate.Id}), {JsonName(candidate.MatchedBy)} '{candidate.MatchedName}', score {candidate.Score.ToString("0.00", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Returns an enum value's name as the JSON output writes it, such as <c>label-ignoring-case</c>.</summary>
    private static string JsonName<T>(T value)
        where T : struct, Enum =>
        JsonSerializer.Serialize(value, CliJson.Options).Trim('"');
}
