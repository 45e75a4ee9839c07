using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Migration.Sample;

/// <summary>
/// Writes a part's <c>export.json</c> in the pilot's form: the tenant, the record count of each
/// file, and for the base export its time and watermark, for a delta its <c>since</c>, watermark and
/// the guids of the tasks whose state it changes.
/// </summary>
internal static class ExportJson
{
    public static void Write(string path, string tenant, SamplePartPlan plan, IReadOnlyDictionary<string, long> counts, IReadOnlyList<string> updatedTasks)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 1, NewLine = "\n" });

        json.WriteStartObject();
        json.WriteString("tenant", tenant);
        json.WriteStartObject("counts");
        foreach (string table in SourceTables.All)
        {
            json.WriteNumber(table, counts[table]);
        }

        json.WriteEndObject();
        if (plan.IsBase)
        {
            json.WriteString("exportedAt", plan.Watermark);
            json.WriteString("watermark", plan.Watermark);
        }
        else
        {
            json.WriteString("since", plan.Since);
            json.WriteString("watermark", plan.Watermark);
            json.WriteStartArray("updatedTasks");
            foreach (string guid in updatedTasks)
            {
                json.WriteStringValue(guid);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
