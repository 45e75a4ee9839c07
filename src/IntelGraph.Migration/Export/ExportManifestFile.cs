using System.Globalization;
using System.Text.Json;
using IntelGraph.Core;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Reads an export part's <c>export.json</c>. The <c>tenant</c> string and the <c>counts</c> object are required, while
/// <c>exportedAt</c>, <c>since</c>, <c>watermark</c> and <c>updatedTasks</c> may be missing or null, and unknown
/// members are ignored. A missing, unreadable or invalid file raises <see cref="InvalidInputException"/>.
/// </summary>
public static class ExportManifestFile
{
    public static async Task<ExportManifest> ReadAsync(ExportFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);

        await using var stream = file.OpenRead();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new InvalidInputException($"The export manifest {file.FullPath} is not valid JSON: {exception.Message}", exception);
        }
        catch (IOException exception)
        {
            throw file.ReadFailed(exception);
        }

        using (document)
        {
            return Parse(document.RootElement, file);
        }
    }

    private static ExportManifest Parse(JsonElement root, ExportFile file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(file, $"is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, but it must be a JSON object");
        }

        if (!root.TryGetProperty("tenant", out var tenant) || tenant.ValueKind != JsonValueKind.String || tenant.GetString() is not { Length: > 0 } tenantName)
        {
            throw Invalid(file, "has no 'tenant' string, but it must name the tenant");
        }

        return new ExportManifest(
            tenantName,
            ReadCounts(root, file),
            ReadTimestamp(root, "exportedAt", file),
            ReadTimestamp(root, "since", file),
            ReadTimestamp(root, "watermark", file),
            ReadUpdatedTasks(root, file));
    }

    private static Dictionary<string, long> ReadCounts(JsonElement root, ExportFile file)
    {
        if (!root.TryGetProperty("counts", out var counts) || counts.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(file, "has no 'counts' object, but it must give the number of records of each table");
        }

        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in counts.EnumerateObject())
        {
            if (table.Value.ValueKind != JsonValueKind.Number || !table.Value.TryGetInt64(out var count) || count < 0)
            {
                throw Invalid(file, $"gives '{table.Value.GetRawText()}' as the count of '{table.Name}', but a count must be a whole number of at least 0");
            }

            result[table.Name] = count;
        }

        return result;
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement root, string member, ExportFile file)
    {
        if (!root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || !Rfc3339Timestamp.IsValid(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
        {
            throw Invalid(file, $"gives '{value.GetRawText()}' as '{member}', but it must be an RFC 3339 timestamp such as 2025-06-01T00:00:00Z");
        }

        return timestamp;
    }

    private static List<string> ReadUpdatedTasks(JsonElement root, ExportFile file)
    {
        var ids = new List<string>();
        if (!root.TryGetProperty("updatedTasks", out var tasks) || tasks.ValueKind == JsonValueKind.Null)
        {
            return ids;
        }

        if (tasks.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(file, "has an 'updatedTasks' member that is not an array, but it must list task ids");
        }

        foreach (var task in tasks.EnumerateArray())
        {
            if (task.ValueKind != JsonValueKind.String || task.GetString() is not { Length: > 0 } id)
            {
                throw Invalid(file, $"lists '{task.GetRawText()}' in 'updatedTasks', but every entry must be a task id string");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static InvalidInputException Invalid(ExportFile file, string problem) =>
        new($"The export manifest {file.FullPath} {problem}. Correct the file or export the tenant again.");
}
